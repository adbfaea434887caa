package io.stranglerkit.shop.seed;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic demo data: the same index and random seed always give the same product, so a
 * seed can be repeated, resumed, and compared across machines.
 */
final class SeedCatalog {

    record Department(String name, List<Subcategory> subcategories) {
    }

    record Subcategory(String name, int basePriceCents, List<String> nouns) {
    }

    record GeneratedProduct(String sku, String name, String description, long priceCents, int department, int subcategory) {
    }

    record GeneratedCustomer(String email, String name) {
    }

    static final List<Department> DEPARTMENTS = List.of(
            new Department("Home & Kitchen", List.of(
                    new Subcategory("Cookware", 3_900, List.of("Skillet", "Saucepan", "Wok", "Dutch Oven", "Stockpot")),
                    new Subcategory("Tableware", 1_900, List.of("Plate Set", "Bowl", "Mug", "Serving Tray", "Carafe")),
                    new Subcategory("Small Appliances", 6_900, List.of("Blender", "Toaster", "Kettle", "Coffee Grinder", "Hand Mixer")),
                    new Subcategory("Storage", 1_500, List.of("Jar", "Bread Box", "Spice Rack", "Lunch Box", "Canister")))),
            new Department("Furniture", List.of(
                    new Subcategory("Living Room", 24_900, List.of("Sofa", "Armchair", "Coffee Table", "Bookshelf", "TV Stand")),
                    new Subcategory("Bedroom", 19_900, List.of("Bed Frame", "Nightstand", "Dresser", "Wardrobe", "Headboard")),
                    new Subcategory("Office", 14_900, List.of("Desk", "Office Chair", "Filing Cabinet", "Monitor Stand", "Footrest")),
                    new Subcategory("Outdoor", 17_900, List.of("Garden Bench", "Lounger", "Patio Table", "Hammock", "Parasol")))),
            new Department("Electronics", List.of(
                    new Subcategory("Audio", 7_900, List.of("Headphones", "Speaker", "Soundbar", "Earbuds", "Turntable")),
                    new Subcategory("Computing", 29_900, List.of("Laptop", "Keyboard", "Mouse", "Monitor", "Docking Station")),
                    new Subcategory("Photography", 39_900, List.of("Camera", "Lens", "Tripod", "Flash", "Camera Bag")),
                    new Subcategory("Smart Home", 4_900, List.of("Thermostat", "Smart Plug", "Doorbell", "Light Bulb", "Hub")))),
            new Department("Sports & Outdoors", List.of(
                    new Subcategory("Camping", 5_900, List.of("Tent", "Sleeping Bag", "Lantern", "Camp Stove", "Backpack")),
                    new Subcategory("Cycling", 8_900, List.of("Helmet", "Bike Light", "Saddle", "Pump", "Jersey")),
                    new Subcategory("Fitness", 3_900, List.of("Yoga Mat", "Dumbbell", "Kettlebell", "Jump Rope", "Foam Roller")),
                    new Subcategory("Running", 6_900, List.of("Running Shoe", "Water Bottle", "Running Vest", "Armband", "Visor")))),
            new Department("Books & Media", List.of(
                    new Subcategory("Fiction", 1_499, List.of("Novel", "Short Stories", "Thriller", "Anthology", "Saga")),
                    new Subcategory("Non-fiction", 1_999, List.of("Biography", "History", "Field Guide", "Cookbook", "Atlas")),
                    new Subcategory("Music", 1_299, List.of("Vinyl Record", "CD", "Songbook", "Box Set", "Sheet Music")),
                    new Subcategory("Games", 3_499, List.of("Board Game", "Puzzle", "Card Game", "Strategy Game", "Dice Set")))),
            new Department("Garden", List.of(
                    new Subcategory("Tools", 2_499, List.of("Spade", "Pruner", "Rake", "Trowel", "Watering Can")),
                    new Subcategory("Plants", 1_299, List.of("Rose Bush", "Fern", "Olive Tree", "Herb Kit", "Succulent")),
                    new Subcategory("Watering", 1_999, List.of("Hose", "Sprinkler", "Rain Barrel", "Drip Kit", "Nozzle")),
                    new Subcategory("Decor", 2_999, List.of("Planter", "Bird Feeder", "Wind Chime", "Lantern", "Trellis")))),
            new Department("Clothing", List.of(
                    new Subcategory("Outerwear", 8_900, List.of("Jacket", "Raincoat", "Parka", "Vest", "Windbreaker")),
                    new Subcategory("Knitwear", 4_900, List.of("Sweater", "Cardigan", "Scarf", "Beanie", "Gloves")),
                    new Subcategory("Footwear", 7_900, List.of("Boots", "Sneakers", "Sandals", "Loafers", "Slippers")),
                    new Subcategory("Accessories", 2_900, List.of("Belt", "Wallet", "Sunglasses", "Tote Bag", "Watch")))),
            new Department("Toys", List.of(
                    new Subcategory("Building", 2_999, List.of("Block Set", "Marble Run", "Train Set", "Construction Kit", "Robot Kit")),
                    new Subcategory("Plush", 1_499, List.of("Teddy Bear", "Plush Fox", "Plush Whale", "Puppet", "Plush Owl")),
                    new Subcategory("Outdoor Play", 3_999, List.of("Kite", "Scooter", "Sandbox", "Water Blaster", "Frisbee")),
                    new Subcategory("Learning", 2_499, List.of("Globe", "Microscope", "Abacus", "Telescope", "Science Kit")))));

    private static final List<String> BRANDS = List.of(
            "Nordvik", "Alder & Co", "Brightline", "Castello", "Dunmore", "Everwood", "Fjell", "Greyhaven",
            "Harbor", "Ironbark", "Juniper", "Kestrel", "Lumen", "Meridian", "Northway", "Oakridge",
            "Pioneer", "Quayside", "Redfern", "Solstice");

    private static final List<String> ADJECTIVES = List.of(
            "Classic", "Compact", "Deluxe", "Ergonomic", "Foldable", "Handcrafted", "Lightweight", "Modern",
            "Portable", "Premium", "Rustic", "Sleek", "Sturdy", "Vintage", "Wireless", "Eco", "Heavy-Duty",
            "Minimalist", "Pro", "Essential", "Adjustable", "Insulated", "Waterproof", "Slim", "Family-Size");

    private static final List<String> MATERIALS = List.of(
            "oak", "walnut", "bamboo", "stainless steel", "cast iron", "ceramic", "glass", "cotton", "linen",
            "wool", "leather", "recycled plastic", "aluminium", "copper", "stoneware", "canvas", "rattan", "silicone");

    private static final List<String> FEATURES = List.of(
            "a soft-touch finish", "reinforced corners", "a lifetime warranty", "easy-clean surfaces",
            "a detachable strap", "non-slip feet", "a magnetic closure", "a carry handle", "a matte coating",
            "hand-stitched seams", "an energy-saving mode", "a fold-flat design", "replaceable parts",
            "a scratch-resistant top", "extra padding", "quick assembly");

    private static final List<String> USES = List.of(
            "everyday use", "small apartments", "weekend trips", "busy kitchens", "home offices", "family gatherings",
            "beginners", "professionals", "gifting", "outdoor adventures", "long evenings", "kids and adults");

    private static final List<String> FIRST_NAMES = List.of(
            "Ada", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kira", "Leo",
            "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wim", "Yara", "Zoe");

    private static final List<String> LAST_NAMES = List.of(
            "Almeida", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
            "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Weber");

    private SeedCatalog() {
    }

    static int subcategoryCount() {
        return DEPARTMENTS.stream().mapToInt(d -> d.subcategories().size()).sum();
    }

    static String sku(long index) {
        return String.format("SKU-%07d", index);
    }

    static String customerEmail(long index) {
        return String.format("customer%07d@shop.example", index);
    }

    static GeneratedProduct product(long index, long seed) {
        SplittableRandom random = randomFor(index, seed, 0x5EED_0001L);
        int department = random.nextInt(DEPARTMENTS.size());
        List<Subcategory> subs = DEPARTMENTS.get(department).subcategories();
        int subIndex = random.nextInt(subs.size());
        Subcategory sub = subs.get(subIndex);
        String noun = pick(random, sub.nouns());
        String material = pick(random, MATERIALS);
        String name = pick(random, BRANDS) + " " + pick(random, ADJECTIVES) + " " + noun;
        String description = "A " + pick(random, ADJECTIVES).toLowerCase() + " " + noun.toLowerCase() + " made of "
                + material + " for " + pick(random, USES) + ". Comes with " + pick(random, FEATURES) + " and "
                + pick(random, FEATURES) + ".";
        return new GeneratedProduct(sku(index), name, description, price(random, sub.basePriceCents()), department, subIndex);
    }

    static GeneratedCustomer customer(long index, long seed) {
        SplittableRandom random = randomFor(index, seed, 0x5EED_0002L);
        return new GeneratedCustomer(customerEmail(index), pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES));
    }

    /** A random source for one row: independent of how many rows came before it. */
    static SplittableRandom randomFor(long index, long seed, long stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ stream * 0xC2B2AE3D27D4EB4FL ^ index);
    }

    /** Between 0.6x and 1.9x the subcategory's base price, ending in .99, .49 or .00 like shop prices do. */
    private static long price(SplittableRandom random, int baseCents) {
        long euros = Math.max(1, Math.round(baseCents * (0.6 + random.nextDouble() * 1.3) / 100.0));
        long[] endings = {99, 49, 0};
        long ending = endings[random.nextInt(endings.length)];
        return ending == 0 ? euros * 100 : (euros - 1) * 100 + ending;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

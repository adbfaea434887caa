-- wrk: GET /api/products/<id> for a random seeded product. The monolith's ids are odd (MariaDB's
-- auto-increment offset 1, step 2), 1 .. 2 * PRODUCTS - 1; the catalog service copies the same ids.
local products = tonumber(os.getenv("PRODUCTS") or "100000")
request = function()
  return wrk.format("GET", "/api/products/" .. (2 * math.random(1, products) - 1))
end

package io.stranglerkit.catalog.web;

public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource, long id) {
        super(resource + " " + id + " does not exist");
    }
}

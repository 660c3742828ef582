package dev.donjon.server.rest;

/** A group of REST resources that registers its routes with the API's router. */
public interface Routes {
    void register(Router router);
}

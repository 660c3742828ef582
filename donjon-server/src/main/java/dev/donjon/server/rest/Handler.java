package dev.donjon.server.rest;

@FunctionalInterface
public interface Handler {
    Reply handle(RestRequest request);
}

package dev.donjon.server.rest;

/**
 * Routes outside {@code /v1} that answer without credentials (their handlers get no caller); only for data that is
 * public by nature, such as CRLs, or for requests whose body authenticates itself (an edge's report, signed by a
 * configured peer).
 */
public interface PublicRoutes extends Routes {
}

package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A page of secrets with Barbican's {@code previous}/{@code next} links; fields in Barbican's order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SecretList(List<SecretDocument> secrets, String previous, String next, long total) {
}

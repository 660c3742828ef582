package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A page of secrets with Barbican's {@code previous}/{@code next} links. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SecretList(List<SecretDocument> secrets, long total, String previous, String next) {
}

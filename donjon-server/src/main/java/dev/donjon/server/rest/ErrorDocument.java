package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Barbican's error body: {@code {"code": 404, "title": "Not Found", "description": "..."}}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ErrorDocument(int code, String title, String description) {
}

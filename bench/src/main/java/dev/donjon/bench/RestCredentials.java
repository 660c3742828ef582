package dev.donjon.bench;

import java.util.List;

/** How every request authenticates: an API token, or the Barbican trusted identity headers. */
sealed interface RestCredentials {

    List<Header> headers();

    String describe();

    record ApiToken(String token) implements RestCredentials {
        public ApiToken {
            Header.requirePrintable("X-Auth-Token", token);
        }

        @Override
        public List<Header> headers() {
            return List.of(new Header("X-Auth-Token", token));
        }

        @Override
        public String describe() {
            return "API token";
        }
    }

    /** {@code roles} may be null: the server then acts as admin, as Barbican's no-auth pipeline does. */
    record TrustedHeaders(String project, String roles) implements RestCredentials {
        public TrustedHeaders {
            Header.requirePrintable("X-Project-Id", project);
            if (roles != null) {
                Header.requirePrintable("X-Roles", roles);
            }
        }

        @Override
        public List<Header> headers() {
            Header projectHeader = new Header("X-Project-Id", project);
            return roles == null ? List.of(projectHeader) : List.of(projectHeader, new Header("X-Roles", roles));
        }

        @Override
        public String describe() {
            return "trusted headers (project " + project + (roles == null ? "" : ", roles " + roles) + ")";
        }
    }
}

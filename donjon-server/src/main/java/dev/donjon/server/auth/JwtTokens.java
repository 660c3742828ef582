package dev.donjon.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenID Connect / JWT bearer tokens ({@code Authorization: Bearer}), verified with nimbus-jose-jwt against the
 * configured issuers. Only asymmetric signatures are accepted (RSA, RSA-PSS, ECDSA, EdDSA), so an unsigned token
 * ({@code alg: none}) and an HMAC token keyed with an issuer's public key are refused before any key is looked at.
 * The key is the issuer's JWK with the token's {@code kid}; a URL-published JWK set is cached for the issuer's
 * refresh interval and fetched again at once (rate limited) when a token names a {@code kid} it does not hold, so key
 * rotation is picked up without a restart. Then {@code iss} (exact), {@code aud} (must contain the configured
 * audience), {@code exp} (required) and {@code nbf} are checked with the configured clock skew, and the configured
 * claims give the project, user and roles.
 */
public final class JwtTokens {
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokens.class);
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.Ed25519, JWSAlgorithm.EdDSA);
    private static final int HTTP_TIMEOUT_MILLIS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    /** What became of a presented token. */
    public sealed interface Outcome {
        record Valid(Principal principal) implements Outcome {
        }

        /** Refused; {@code reason} says why and is safe to return to the client. */
        record Invalid(String reason) implements Outcome {
        }

        /** The issuer's keys could not be fetched. */
        record Unavailable(String reason) implements Outcome {
        }
    }

    private record Issuer(DonjonConfig.JwtIssuer config, JWKSource<SecurityContext> keys,
                          DefaultJWTClaimsVerifier<SecurityContext> claims) {
    }

    private final Map<String, Issuer> issuers = new HashMap<>();
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    public JwtTokens(List<DonjonConfig.JwtIssuer> configured) {
        for (DonjonConfig.JwtIssuer issuer : configured) {
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    Set.of(issuer.audience()), new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(),
                    Set.of("exp"), Set.of());
            claims.setMaxClockSkew((int) issuer.clockSkew().toSeconds());
            issuers.put(issuer.issuer(), new Issuer(issuer, keys(issuer), claims));
        }
    }

    private static JWKSource<SecurityContext> keys(DonjonConfig.JwtIssuer issuer) {
        if (issuer.jwksFile() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(issuer.jwksFile().toFile()));
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("cannot read the JWK set " + issuer.jwksFile() + " of issuer "
                        + issuer.issuer() + ": " + e.getMessage(), e);
            }
        }
        try {
            long ttl = issuer.jwksRefresh().toMillis();
            return JWKSourceBuilder.<SecurityContext>create(URI.create(issuer.jwksUrl()).toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .cache(ttl, HTTP_TIMEOUT_MILLIS)
                    .rateLimited(Math.min(ttl, 60_000L) / 2)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwks_url of issuer " + issuer.issuer() + " is not a URL", e);
        }
    }

    public Outcome verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            return new Outcome.Invalid("not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            return new Outcome.Invalid("unsigned token (alg none) refused");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            return new Outcome.Invalid("encrypted tokens are not accepted");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ACCEPTED.contains(algorithm)) {
            return new Outcome.Invalid("signature algorithm " + algorithm + " refused: only asymmetric signatures "
                    + "(RS*, PS*, ES*, EdDSA) are accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Outcome.Invalid("the token's claims are not a JSON object");
        }
        Issuer issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
        if (issuer == null) {
            return new Outcome.Invalid("issuer (iss) is not trusted");
        }
        List<JWK> candidates;
        try {
            candidates = issuer.keys().get(new JWKSelector(JWKMatcher.forJWSHeader(signed.getHeader())), null);
        } catch (RateLimitReachedException e) {
            candidates = List.of();
        } catch (KeySourceException e) {
            LOG.warn("cannot fetch the keys of JWT issuer {}: {}", issuer.config().issuer(), e.getMessage());
            return new Outcome.Unavailable("the issuer's keys cannot be fetched");
        }
        if (candidates.isEmpty()) {
            return new Outcome.Invalid("no key of the issuer matches the token's key id (kid "
                    + signed.getHeader().getKeyID() + ")");
        }
        if (!verifies(signed, candidates)) {
            return new Outcome.Invalid("signature does not verify");
        }
        try {
            issuer.claims().verify(claims, null);
        } catch (BadJWTException e) {
            return new Outcome.Invalid(e.getMessage());
        }
        return principal(issuer.config(), claims);
    }

    private boolean verifies(SignedJWT signed, List<JWK> candidates) {
        for (JWK candidate : candidates) {
            if (!(candidate instanceof AsymmetricJWK asymmetric)) {
                continue;
            }
            try {
                PublicKey key = asymmetric.toPublicKey();
                JWSVerifier verifier = verifiers.createJWSVerifier(signed.getHeader(), (Key) key);
                if (signed.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // A key of the wrong type for the algorithm: try the next one.
            }
        }
        return false;
    }

    private static Outcome principal(DonjonConfig.JwtIssuer config, JWTClaimsSet claims) {
        Object project = claims.getClaim(config.projectClaim());
        if (!(project instanceof String projectId) || projectId.isBlank()) {
            return new Outcome.Invalid("the token has no project claim (" + config.projectClaim() + ")");
        }
        Object user = claims.getClaim(config.userClaim());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames(claims.getClaim(config.rolesClaim()))) {
            Role.fromWire(name).ifPresent(roles::add);
        }
        try {
            return new Outcome.Valid(new Principal(user instanceof String u && !u.isBlank() ? u : null,
                    new ProjectId(projectId), roles, AuthMethod.JWT));
        } catch (DomainException.InvalidInput e) {
            return new Outcome.Invalid("the token's project claim is not a usable project id");
        }
    }

    /** A list claim, or one string of names separated by spaces or commas (as OAuth's {@code scope}). */
    private static Set<String> roleNames(Object claim) {
        Set<String> names = new HashSet<>();
        if (claim instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        } else if (claim instanceof String text) {
            for (String name : text.split("[\\s,]+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}

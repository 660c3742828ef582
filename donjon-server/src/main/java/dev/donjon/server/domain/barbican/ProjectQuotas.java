package dev.donjon.server.domain.barbican;

/** Limits per resource; {@code null} means "not set here". */
public record ProjectQuotas(Integer secrets, Integer orders, Integer containers, Integer consumers, Integer cas) {
    public int limit(Quotas.Resource resource) {
        Integer value = get(resource);
        return value == null ? Quotas.UNLIMITED : value;
    }

    public Integer get(Quotas.Resource resource) {
        return switch (resource) {
            case SECRETS -> secrets;
            case ORDERS -> orders;
            case CONTAINERS -> containers;
            case CONSUMERS -> consumers;
            case CAS -> cas;
        };
    }

    /** These limits, with {@code fallback}'s where these are unset. */
    public ProjectQuotas orElse(ProjectQuotas fallback) {
        return new ProjectQuotas(pick(secrets, fallback.secrets), pick(orders, fallback.orders),
                pick(containers, fallback.containers), pick(consumers, fallback.consumers), pick(cas, fallback.cas));
    }

    private static Integer pick(Integer own, Integer fallback) {
        return own != null ? own : fallback;
    }
}

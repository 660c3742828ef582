package dev.donjon.server.store;

import dev.donjon.server.domain.port.AclRepository;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.port.ContainerRepository;
import dev.donjon.server.domain.port.OrderRepository;
import dev.donjon.server.domain.port.PreferredStoreRepository;
import dev.donjon.server.domain.port.QuotaRepository;
import dev.donjon.server.domain.port.SecretConsumerRepository;
import dev.donjon.server.domain.port.ManagedObjectRepository;
import dev.donjon.server.domain.port.ProjectKeyRepository;
import dev.donjon.server.domain.port.SecretRepository;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.port.LockboxReceiptRepository;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import dev.donjon.server.domain.port.ReplicationLog;
import dev.donjon.server.domain.port.ProxiedCallRepository;
import dev.donjon.server.domain.port.ObjectLeaseRepository;
import dev.donjon.server.domain.port.LocateAnchorRepository;
import dev.donjon.server.domain.port.SweepRepository;
import dev.donjon.server.domain.port.TokenRepository;
import dev.donjon.server.domain.audit.AuditKeyRepository;
import dev.donjon.server.domain.audit.NotificationOutbox;
import dev.donjon.server.domain.port.AclRepository;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.port.ContainerRepository;
import dev.donjon.server.domain.port.OrderRepository;
import dev.donjon.server.domain.port.PreferredStoreRepository;
import dev.donjon.server.domain.port.QuotaRepository;
import dev.donjon.server.domain.port.SecretConsumerRepository;
import dev.donjon.server.domain.port.ManagedObjectRepository;
import dev.donjon.server.domain.port.ProjectKeyRepository;
import dev.donjon.server.domain.port.SecretRepository;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.port.TokenRepository;
import dev.donjon.server.domain.pki.CaRepository;
import org.jdbi.v3.core.Handle;

/** The repositories over one handle, which the engine has already put in a transaction. */
final class JdbcStoreTx implements StoreTx {
    private final SecretRepository secrets;
    private final ManagedObjectRepository objects;
    private final ProjectKeyRepository projectKeys;
    private final TokenRepository tokens;
    private final AuditTrail audit;
    private final ContainerRepository containers;
    private final SecretConsumerRepository secretConsumers;
    private final QuotaRepository quotas;
    private final OrderRepository orders;
    private final AclRepository acls;
    private final PreferredStoreRepository preferredStores;
    private final CaRepository cas;
    private final SweepRepository sweeps;
    private final LocateAnchorRepository locateAnchors;
    private final ObjectLeaseRepository objectLeases;
    private final LockboxReceiptRepository lockboxReceipts;
    private final EdgeUsageRepository edgeUsage;
    private final dev.donjon.server.domain.port.EdgeCompromiseRepository edgeCompromises;
    private final dev.donjon.server.domain.port.SealedExportReceiptRepository sealedExportReceipts;
    private final ReplicationLog replicationLog;
    private final ProxiedCallRepository proxiedCalls;
    private final AuditKeyRepository auditKeys;
    private final NotificationOutbox notificationOutbox;
    private final dev.donjon.server.domain.port.DeviceReleaseRepository deviceReleases;

    JdbcStoreTx(Handle handle, AuditTrail audit) {
        this.secrets = new JdbcSecretRepository(handle);
        this.objects = new JdbcManagedObjectRepository(handle);
        this.projectKeys = new JdbcProjectKeyRepository(handle);
        this.tokens = new JdbcTokenRepository(handle);
        this.audit = audit;
        this.containers = new JdbcContainerRepository(handle);
        this.secretConsumers = new JdbcSecretConsumerRepository(handle);
        this.quotas = new JdbcQuotaRepository(handle);
        this.orders = new JdbcOrderRepository(handle);
        this.acls = new JdbcAclRepository(handle);
        this.preferredStores = new JdbcPreferredStoreRepository(handle);
        this.cas = new JdbcCaRepository(handle);
        this.sweeps = new JdbcSweepRepository(handle);
        this.locateAnchors = new JdbcLocateAnchorRepository(handle);
        this.objectLeases = new JdbcObjectLeaseRepository(handle);
        this.lockboxReceipts = new JdbcLockboxReceiptRepository(handle);
        this.edgeUsage = new JdbcEdgeUsageRepository(handle);
        this.edgeCompromises = new JdbcEdgeCompromiseRepository(handle);
        this.sealedExportReceipts = new JdbcSealedExportReceiptRepository(handle);
        this.replicationLog = new JdbcReplicationLog(handle);
        this.proxiedCalls = new JdbcProxiedCallRepository(handle);
        this.auditKeys = new JdbcAuditKeyRepository(handle);
        this.notificationOutbox = new JdbcNotificationOutbox(handle);
        this.deviceReleases = new JdbcDeviceReleaseRepository(handle);
    }

    @Override
    public SecretRepository secrets() {
        return secrets;
    }

    @Override
    public ManagedObjectRepository objects() {
        return objects;
    }

    @Override
    public ProjectKeyRepository projectKeys() {
        return projectKeys;
    }

    @Override
    public TokenRepository tokens() {
        return tokens;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public AuditKeyRepository auditKeys() {
        return auditKeys;
    }

    @Override
    public dev.donjon.server.domain.port.DeviceReleaseRepository deviceReleases() {
        return deviceReleases;
    }

    @Override
    public NotificationOutbox notificationOutbox() {
        return notificationOutbox;
    }

    @Override
    public ContainerRepository containers() {
        return containers;
    }

    @Override
    public SecretConsumerRepository secretConsumers() {
        return secretConsumers;
    }

    @Override
    public QuotaRepository quotas() {
        return quotas;
    }

    @Override
    public OrderRepository orders() {
        return orders;
    }

    @Override
    public AclRepository acls() {
        return acls;
    }

    @Override
    public PreferredStoreRepository preferredStores() {
        return preferredStores;
    }

    @Override
    public CaRepository cas() {
        return cas;
    }

    @Override
    public SweepRepository sweeps() {
        return sweeps;
    }

    @Override
    public LocateAnchorRepository locateAnchors() {
        return locateAnchors;
    }

    @Override
    public ObjectLeaseRepository objectLeases() {
        return objectLeases;
    }

    @Override
    public LockboxReceiptRepository lockboxReceipts() {
        return lockboxReceipts;
    }

    @Override
    public EdgeUsageRepository edgeUsage() {
        return edgeUsage;
    }

    @Override
    public dev.donjon.server.domain.port.EdgeCompromiseRepository edgeCompromises() {
        return edgeCompromises;
    }

    @Override
    public dev.donjon.server.domain.port.SealedExportReceiptRepository sealedExportReceipts() {
        return sealedExportReceipts;
    }

    @Override
    public ReplicationLog replicationLog() {
        return replicationLog;
    }

    @Override
    public ProxiedCallRepository proxiedCalls() {
        return proxiedCalls;
    }
}

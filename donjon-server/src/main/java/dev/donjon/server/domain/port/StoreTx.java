package dev.donjon.server.domain.port;

import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.audit.AuditKeyRepository;
import dev.donjon.server.domain.audit.NotificationOutbox;
import dev.donjon.server.domain.pki.CaRepository;

/** The repositories, bound to one transaction. Valid only inside the {@link Store} call that supplied it. */
public interface StoreTx {
    SecretRepository secrets();

    ManagedObjectRepository objects();

    ProjectKeyRepository projectKeys();

    TokenRepository tokens();

    AuditTrail audit();

    AuditKeyRepository auditKeys();

    NotificationOutbox notificationOutbox();

    DeviceReleaseRepository deviceReleases();

    ContainerRepository containers();

    SecretConsumerRepository secretConsumers();

    QuotaRepository quotas();

    OrderRepository orders();

    AclRepository acls();

    PreferredStoreRepository preferredStores();

    CaRepository cas();

    SweepRepository sweeps();

    LocateAnchorRepository locateAnchors();

    ObjectLeaseRepository objectLeases();

    LockboxReceiptRepository lockboxReceipts();

    EdgeUsageRepository edgeUsage();

    EdgeCompromiseRepository edgeCompromises();

    SealedExportReceiptRepository sealedExportReceipts();

    ReplicationLog replicationLog();

    ProxiedCallRepository proxiedCalls();
}

package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest extends OperationTest {

    @Test
    void listsEveryRegisteredOperationTheObjectTypesAndTheServer() {
        ResponsePayload.Query answer = serve(new RequestPayload.Query(List.of(QueryFunction.QUERY_OPERATIONS,
                QueryFunction.QUERY_OBJECTS, QueryFunction.QUERY_SERVER_INFORMATION)), ResponsePayload.Query.class);

        assertThat(answer.operations()).contains(Operation.CREATE, Operation.GET, Operation.LOCATE, Operation.ENCRYPT,
                Operation.EXPORT, Operation.QUERY).doesNotHaveDuplicates();
        assertThat(answer.objectTypes()).contains(ObjectType.SYMMETRIC_KEY, ObjectType.CERTIFICATE);
        assertThat(answer.vendorIdentification()).contains("Donjon");
        assertThat(answer.serverInformation()).isPresent();
    }

    @Test
    void answersOnlyWhatIsAsked() {
        ResponsePayload.Query answer = serve(new RequestPayload.Query(List.of(QueryFunction.QUERY_OBJECTS)),
                ResponsePayload.Query.class);

        assertThat(answer.operations()).isEmpty();
        assertThat(answer.vendorIdentification()).isEmpty();
        assertThat(answer.objectTypes()).isNotEmpty();
    }
}

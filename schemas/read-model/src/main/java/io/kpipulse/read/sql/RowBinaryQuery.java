package io.kpipulse.read.sql;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A SELECT answered as raw {@code RowBinaryWithNamesAndTypes} bytes, for the few reads too large for the JDBC
 * result set (a freeze reads 4,000,000 rows: the result set decodes every column of every row into objects and
 * looks columns up by name). It runs on the driver's own HTTP client, taken from a connection of
 * {@link Connections} (so a pool's limits still apply), with the query's values bound on the server as
 * {@code {name:Type}} parameters: the SQL text holds no value, only constants and parameter names.
 */
public final class RowBinaryQuery {

    /** Reads the rows of one response, after the header was checked. */
    @FunctionalInterface
    public interface RowsReader {
        void read(RowBinaryInput in) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;

    private RowBinaryQuery() {}

    /**
     * Runs {@code sql} with {@code params} bound by name, checks that the result has exactly {@code columns}
     * (name and ClickHouse type, in order) and hands the rows to {@code rows}. A column of another type fails the
     * read before any row is decoded: the decoder would otherwise misread the bytes.
     */
    public static void run(
            Connections connections, String sql, Map<String, Object> params, List<Column> columns, RowsReader rows) {
        try (Connection connection = connections.open()) {
            Client client = connection.unwrap(ConnectionImpl.class).getClient();
            QuerySettings settings = new QuerySettings()
                    .setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes)
                    .setDatabase(connection.getSchema());
            try (QueryResponse response = client.query(sql, params, settings).get()) {
                RowBinaryInput in = new RowBinaryInput(response.getInputStream(), BUFFER_BYTES);
                checkHeader(in, columns);
                rows.read(in);
            }
        } catch (SQLException | IOException e) {
            throw new StorageException("ClickHouse query failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while reading from ClickHouse", e);
        } catch (ExecutionException e) {
            throw new StorageException("ClickHouse query failed", e.getCause());
        } catch (Exception e) {
            // QueryResponse.close() declares Exception.
            throw e instanceof RuntimeException r ? r : new StorageException("ClickHouse query failed", e);
        }
    }

    /** A result column: its name and the ClickHouse types it may have. */
    public record Column(String name, List<String> types) {
        public static Column of(String name, String... types) {
            return new Column(name, List.of(types));
        }
    }

    private static void checkHeader(RowBinaryInput in, List<Column> columns) throws IOException {
        int n = (int) in.varUInt();
        if (n != columns.size()) {
            throw new StorageException("expected " + columns.size() + " columns, ClickHouse answered " + n, null);
        }
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.string();
        }
        for (int i = 0; i < n; i++) {
            String type = in.string();
            Column expected = columns.get(i);
            if (!expected.name().equals(names[i]) || !expected.types().contains(type)) {
                throw new StorageException(
                        "column " + i + " is " + names[i] + " " + type + ", expected " + expected.name() + " "
                                + expected.types(),
                        null);
            }
        }
    }
}

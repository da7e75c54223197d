package io.kpipulse.sink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real connections whose next {@code executeBatch()} calls fail on demand: {@code failNextAttempts(2)}
 * makes the next two inserts fail with "connection refused", as when ClickHouse restarts.
 */
final class FlakyConnections implements ConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final ConnectionFactory real;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger prepared = new AtomicInteger();

    FlakyConnections(ConnectionFactory real) {
        this.real = real;
    }

    void failNextAttempts(int attempts) {
        failuresLeft.set(attempts);
    }

    int connectionsOpened() {
        return opened.get();
    }

    int statementsPrepared() {
        return prepared.get();
    }

    @Override
    public Connection open() throws SQLException {
        opened.incrementAndGet();
        Connection connection = real.open();
        return proxy(Connection.class, (self, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement")) {
                prepared.incrementAndGet();
                PreparedStatement statement = (PreparedStatement) result;
                return proxy(PreparedStatement.class, (s, m, a) -> {
                    if (m.getName().equals("executeBatch") && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLException(
                                "Connection refused", "08001", new ConnectException("Connection refused"));
                    }
                    return invoke(statement, m, a);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <I> I proxy(Class<I> type, InvocationHandler handler) {
        return type.cast(
                Proxy.newProxyInstance(FlakyConnections.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}

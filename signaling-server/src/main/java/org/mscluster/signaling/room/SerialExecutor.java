package org.mscluster.signaling.room;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared pool: the event loop of one
 * room. A failing task is logged and the next one runs.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final ThreadLocal<SerialExecutor> CURRENT = new ThreadLocal<>();
    private static final int BATCH = 64;

    private final Executor pool;
    private final String name;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    public SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (tasks) {
                draining = false;
            }
            throw e;
        }
    }

    /** True when called from a task of this executor. */
    public boolean inExecutor() {
        return CURRENT.get() == this;
    }

    private void drain() {
        CURRENT.set(this);
        try {
            for (int ran = 0; ; ran++) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.peek() == null ? null : ran < BATCH ? tasks.poll() : null;
                    if (task == null) {
                        if (tasks.isEmpty()) {
                            draining = false;
                        } else {
                            // A busy room gives its pool thread back now and then, so rooms share the pool fairly.
                            pool.execute(this::drain);
                        }
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("{}: task failed", name, e);
                }
            }
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor[" + name + "]";
    }
}

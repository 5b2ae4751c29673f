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
            while (true) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                    if (task == null) {
                        draining = false;
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

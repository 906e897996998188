package org.citycard.clearing.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.citycard.clearing.support.TransactionRetry;
import org.citycard.dictionary.wire.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of online load authorisations (0100). Each request is checked, MAC1 verified and MAC2 computed on
 * the caller's thread ({@link LoadAuthoriser#prepare}); its writes (load and journal) are queued, and a writer
 * thread writes everything queued meanwhile in one transaction with one durable commit, then releases the callers.
 * More writers ({@code citycard.load.writers}, default 1) let one group's inserts proceed while another's commit is
 * flushed; measured here, a second writer gained nothing and once stalled a group for most of a second.
 * So every 0110 still leaves only after its load is on disk, and a repeated (terminal, STAN) finds it there; what
 * the group shares is the commit. A group that fails (two requests with one terminal and STAN racing, a deadlock)
 * is written again one authorisation per transaction, and a load whose key was taken meanwhile is answered from the
 * stored one.
 */
@Component
public class AuthorisationGroupCommit implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuthorisationGroupCommit.class);
    /** Above the ISO endpoint's phase: the writer stops after the endpoint stopped taking requests. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final long WAIT_SECONDS = 60;

    private final LoadAuthoriser authoriser;
    private final TransactionTemplate tx;
    private final TransactionRetry retry;
    private final int maxGroup;
    private final int writerCount;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    public AuthorisationGroupCommit(
            LoadAuthoriser authoriser,
            PlatformTransactionManager transactions,
            TransactionRetry retry,
            @Value("${citycard.load.max-group:64}") int maxGroup,
            @Value("${citycard.load.writers:1}") int writers) {
        this.authoriser = authoriser;
        this.tx = new TransactionTemplate(transactions);
        this.retry = retry;
        this.maxGroup = Math.max(1, maxGroup);
        this.writerCount = Math.max(1, writers);
    }

    private record Pending(LoadAuthoriser.Draft draft, CompletableFuture<LoadMessages.AuthorisationAnswer> done) {}

    /** Authorises a load; returns once its writes are durable (with the stored answer of a repeat). */
    public LoadMessages.AuthorisationAnswer authorise(LoadMessages.Authorisation req) {
        LoadAuthoriser.Draft draft = authoriser.prepare(req);
        if (!draft.writes()) {
            return draft.answer();
        }
        if (!running) {
            return writeAlone(draft, req);
        }
        Pending p = new Pending(draft, new CompletableFuture<>());
        queue.add(p);
        if (!running && queue.remove(p)) {
            return writeAlone(draft, req); // the writer stopped meanwhile
        }
        try {
            return p.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoadMessages.AuthorisationAnswer.declined(ResponseCode.SYSTEM_ERROR);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            log.error("load {}/{}: not written within {} s, answered 96", req.terminalId(), req.stan(), WAIT_SECONDS);
            return LoadMessages.AuthorisationAnswer.declined(ResponseCode.SYSTEM_ERROR);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                log.error("load authorisation writer: a group of {} failed", group.size(), e);
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            tx.executeWithoutResult(
                    s -> authoriser.write(group.stream().map(Pending::draft).toList()));
        } catch (RuntimeException groupFailed) {
            log.info(
                    "group of {} load authorisation(s) not written together ({}): one by one",
                    group.size(),
                    groupFailed.getClass().getSimpleName());
            group.forEach(this::completeAlone);
            return;
        }
        group.forEach(p -> p.done().complete(p.draft().answer()));
    }

    private void completeAlone(Pending p) {
        try {
            p.done().complete(writeAlone(p.draft(), p.draft().request()));
        } catch (RuntimeException e) {
            p.done().completeExceptionally(e);
        }
    }

    /**
     * One authorisation in its own transaction, retried when it lost a race; a (terminal, STAN) stored meanwhile by
     * another request is answered from the stored load.
     */
    private LoadMessages.AuthorisationAnswer writeAlone(LoadAuthoriser.Draft draft, LoadMessages.Authorisation req) {
        return retry.run("load " + req.terminalId() + "/" + req.stan(), () -> {
            try {
                tx.executeWithoutResult(s -> authoriser.write(List.of(draft)));
                return draft.answer();
            } catch (DataIntegrityViolationException e) {
                return authoriser.storedAnswer(req).orElseThrow(() -> e);
            }
        });
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::run, "load-authorisation-writer-" + (i + 1));
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
        // anything queued after the writers left is written by this thread, one by one
        for (Pending p; (p = queue.poll()) != null; ) {
            completeAlone(p);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

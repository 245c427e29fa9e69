package io.jamesbounce.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import com.sun.management.ThreadMXBean;

import io.jamesbounce.core.BounceAnalyzer;
import io.jamesbounce.core.model.Report;

/**
 * {@code bounces bench --synthetic}: times the hostile messages of the core's HostileInputTest
 * (a 50 MB bounce streamed from a generator, a bounce with 10,000 parts) and prints what each
 * allocated, what it left in use after a GC, and the heap pools' peak since the JVM started (run
 * it with a small -Xmx to see that the work fits).
 */
final class SyntheticBench {
    private static final String HEAD = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r
        To: sender@example.org\r
        Subject: Undelivered Mail Returned to Sender\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B0"\r
        \r
        --B0\r
        Content-Type: text/plain\r
        \r
        <gone@example.com>: host mx.example.com said: 550 5.1.1 User unknown (in reply to RCPT TO command)\r
        --B0\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example.net\r
        \r
        Final-Recipient: rfc822; gone@example.com\r
        Action: failed\r
        Status: 5.1.1\r
        \r
        """;
    private static final String ATTACHMENT = """
        --B0\r
        Content-Type: message/rfc822\r
        \r
        From: sender@example.org\r
        Subject: big\r
        Content-Type: multipart/mixed; boundary="B1"\r
        \r
        --B1\r
        Content-Type: application/octet-stream\r
        Content-Transfer-Encoding: base64\r
        \r
        """;

    private SyntheticBench() {
    }

    static int run(PrintStream out) {
        BounceAnalyzer analyzer = BounceAnalyzer.withDefaults();
        out.printf("bench --synthetic: gc=%s max_heap_mb=%d%n", gcNames(), Runtime.getRuntime().maxMemory() >> 20);
        for (int round = 0; round < 3; round++) {
            // rounds 1 and 2 warm up; the last one is printed
            boolean print = round == 2;
            measure("50MB", () -> bigMessage(50L * 1024 * 1024), analyzer, print ? out : null);
            byte[] parts = manyParts(10_000);
            measure("10000-parts (" + (parts.length >> 10) + " KB)", () -> new ByteArrayInputStream(parts), analyzer, print ? out : null);
            byte[] addresses = manyAddresses(9_000);
            measure("notice-naming-9000-addresses (" + (addresses.length >> 10) + " KB)", () -> new ByteArrayInputStream(addresses),
                analyzer, print ? out : null);
        }
        return 0;
    }

    private static void measure(String name, Supplier<InputStream> message, BounceAnalyzer analyzer, PrintStream out) {
        InputStream in = message.get();
        System.gc();
        long before = heapUsed();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        Report report = analyzer.analyze(in);
        long elapsed = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        List<MemoryPoolMXBean> pools = heapPools();
        long peak = 0;
        for (MemoryPoolMXBean p : pools) {
            peak += p.getPeakUsage().getUsed();
        }
        System.gc();
        long retained = heapUsed() - before;
        if (out != null) {
            out.printf("bench: %s kind=%s records=%d time_ms=%.1f allocated_mb=%.1f retained_after_gc_kb=%d heap_peak_since_start_mb=%.1f%n",
                name, report.kind().label(), report.records().size(), elapsed / 1e6, allocated / 1048576.0, Math.max(0, retained) >> 10,
                peak / 1048576.0);
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName().replace(' ', '_')).toList());
    }

    /** A bounce whose returned message carries a base64 attachment of about {@code size} bytes, generated as it is read. */
    static InputStream bigMessage(long size) {
        byte[] line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n".getBytes(StandardCharsets.US_ASCII);
        long lines = size / line.length;
        InputStream body = new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < lines * line.length ? line[(int) (position++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = lines * line.length - position;
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = line[(int) (position++ % line.length)];
                }
                return n;
            }
        };
        return new SequenceInputStream(Collections.enumeration(List.of(
            stream(HEAD + ATTACHMENT), body, stream("\r\n--B1--\r\n--B0--\r\n"))));
    }

    static byte[] manyParts(int parts) {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i < parts; i++) {
            sb.append("--B0\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append(" of the report\r\n");
        }
        return sb.append("--B0--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A notice of no known layout that names this many distinct addresses, one a line with its reason. */
    static byte[] manyAddresses(int addresses) {
        StringBuilder sb = new StringBuilder("Return-Path: <>\r\nFrom: MAILER-DAEMON@mail.example.com\r\nTo: <news@example.org>\r\n"
            + "Subject: Returned mail: see transcript\r\n\r\n");
        for (int i = 0; i < addresses; i++) {
            sb.append("u").append(i).append("@d").append(i % 97).append(".example.jp: unknown user\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}

/**
 * Which report records may act on the suppression list: forged bounces must not poison it.
 *
 * <p>For each report, the mailet builds the {@link io.jamesbounce.core.trust.Arrival} from the envelope
 * (the return path it came back to, the envelope sender) and the report's Authentication-Results
 * fields; {@code io.jamesbounce.ingest.ReportIngestion} asks {@link io.jamesbounce.core.trust.TrustEvaluator}
 * for the trust of each record: trusted records go to the suppression service; untrusted ones are
 * kept in an untrusted-event log, counted per reason, logged as one line, and suppress nothing.
 *
 * <p>What proves a record, strongest first:
 * <ul>
 *   <li>a signed return path ({@link io.jamesbounce.core.verp.SignedVerpScheme}): the bounce answers
 *       mail we sent to exactly that recipient, within the validity;</li>
 *   <li>a recent outbound Message-ID ({@link io.jamesbounce.core.trust.RotatingBloomFilter}): the report
 *       is about a message we sent, though not necessarily to that recipient; one forged report in
 *       about {@code 1/(2p)} passes by a false positive;</li>
 *   <li>for feedback reports, a configured feedback loop ({@link io.jamesbounce.core.trust.FeedbackLoopSources})
 *       authenticated by our own receiving server's Authentication-Results.</li>
 * </ul>
 * Nothing configured: every record is trusted, as before these checks existed.
 */
package io.jamesbounce.core.trust;

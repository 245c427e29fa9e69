package io.jamesbounce.store.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.jamesbounce.core.model.Category;
import io.jamesbounce.core.rates.BounceKind;
import io.jamesbounce.core.rates.DomainState;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.core.rates.Trigger;
import io.jamesbounce.core.rates.WindowCounts;
import io.jamesbounce.store.Suppression;
import io.jamesbounce.store.dashboard.Dashboard.DomainView;
import io.jamesbounce.store.dashboard.DashboardData.SuppressionCount;

/**
 * The dashboard as one self-contained HTML page: styles, charts (SVG drawn here) and the little
 * script it has are inline, nothing is fetched from elsewhere, so it works on an air-gapped server
 * and as a file mailed or archived. Times are written in UTC and shown in the viewer's time zone by
 * the script; without it they stay readable in UTC.
 *
 * <p>Served by WebAdmin ({@link Mode#LIVE}) its search asks the suppression routes and a button
 * draws it again; written to a file ({@link Mode#FILE}) its search looks in what the page holds.
 */
public final class DashboardPage {
    public enum Mode {
        /** Served by WebAdmin next to the suppression routes. */
        LIVE,
        /** A file: what the store held when it was written. */
        FILE
    }

    private static final Map<Category, String> COLOURS = colours();
    private static final Map<String, String> SOURCE_COLOURS = Map.of("dsn", "#2e86c1", "arf", "#8e44ad",
        "synchronous-delivery-failure", "#16a085", "manual", "#d4ac0d", "import", "#7f8c8d");
    private static final Map<String, String> REPORT_COLOURS = Map.of("dsn", "#2e86c1", "arf", "#8e44ad",
        "synchronous-delivery-failure", "#16a085", Dashboard.UNTRUSTED, "#c0392b");

    private DashboardPage() {
    }

    public static String html(Dashboard d, Mode mode) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            // an empty icon: otherwise the browser asks the server for /favicon.ico, which WebAdmin answers 404
            .append("<link rel=\"icon\" href=\"data:,\"><title>Bounces: dashboard</title><style>").append(STYLE).append("</style></head>\n")
            .append("<body data-mode=\"").append(mode.name().toLowerCase(Locale.ROOT)).append("\">\n<header><h1>Bounces</h1><p>")
            .append(mode == Mode.LIVE ? "Live from this James server's store, " : "What the store held ")
            .append("at ").append(time(d.at())).append(mode == Mode.LIVE ? " <button id=\"refresh\" type=\"button\">Refresh</button>" : "")
            .append("</p></header>\n<main>\n");
        domains(h, d);
        suppressions(h, d, mode);
        reports(h, d);
        h.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    // ---- domains

    private static void domains(StringBuilder h, Dashboard d) {
        RateSettings s = d.settings();
        h.append("<section id=\"domains\"><h2>Domains</h2>");
        if (d.domains().isEmpty()) {
            h.append("<p class=\"empty\">No delivery attempt recorded in the last 7 days. Each domain James relays mail to ")
                .append("appears here with its bounce rates hour by hour and its state.</p></section>\n");
            return;
        }
        h.append("<p class=\"legend\">Rates per hour, last 24 hours and 7 days. Hard-bounce thresholds: warning ")
            .append(percent(s.hardWarning())).append(", bad ").append(percent(s.hardBad())).append(", critical ")
            .append(percent(s.hardCritical())).append(". ").append(seriesLegend()).append("</p>\n<div class=\"cards\">");
        for (DomainView v : d.domains().subList(0, Math.min(Dashboard.CHARTED, d.domains().size()))) {
            h.append("<article class=\"card domain\" data-domain=\"").append(esc(v.domain())).append("\"><h3>").append(esc(v.domain()))
                .append(" ").append(badge(v.state())).append("</h3>");
            stateLine(h, v, d);
            h.append("<div class=\"charts\">").append(rateChart(v, d.at(), 24, s)).append(rateChart(v, d.at(), Dashboard.HOURS, s))
                .append("</div></article>");
        }
        h.append("</div>\n<details").append(d.domains().size() <= Dashboard.CHARTED ? " open" : "").append("><summary>All ")
            .append(d.domains().size()).append(d.domains().size() == 1 ? " domain" : " domains").append(", worst first</summary>")
            .append("<div class=\"scroll\"><table id=\"domain-table\"><thead><tr><th>Domain</th><th>State</th>")
            .append("<th>Attempts 24 h</th><th>Hard</th><th>Soft</th><th>Block</th><th>Complaint</th>")
            .append("<th>Attempts 7 d</th><th>Hard</th><th>Soft</th><th>Block</th><th>Complaint</th><th>Held</th></tr></thead><tbody>");
        for (DomainView v : d.domains()) {
            h.append("<tr data-domain=\"").append(esc(v.domain())).append("\"><td>").append(esc(v.domain())).append("</td><td>")
                .append(badge(v.state())).append("</td>");
            for (boolean week : new boolean[] {false, true}) {
                WindowCounts w = week ? v.week() : v.day();
                h.append("<td class=\"n\">").append(w.attempts()).append("</td>");
                for (BounceKind kind : BounceKind.values()) {
                    h.append("<td class=\"n\">").append(rate(w, w.bounces(kind))).append("</td>");
                }
                h.append("<td class=\"n\">").append(rate(w, w.bounces(Category.COMPLAINT))).append("</td>");
            }
            h.append("<td class=\"n\">").append(held(d, v)).append("</td></tr>");
        }
        h.append("</tbody></table></div></details></section>\n");
    }

    private static void stateLine(StringBuilder h, DomainView v, Dashboard d) {
        h.append("<p class=\"state\">");
        if (v.state() == DomainState.NORMAL) {
            h.append("Normal");
        } else {
            h.append(label(v.state())).append(v.since().map(t -> " since " + time(t)).orElse(""));
            if (!v.triggers().isEmpty()) {
                h.append(": ");
                List<String> why = new ArrayList<>();
                for (Trigger t : v.triggers()) {
                    why.add(esc(t.sentence()));
                }
                h.append(String.join("; ", why));
            }
            h.append(". Held: ").append(held(d, v));
        }
        h.append(". 24 h: ").append(v.day().attempts()).append(" attempts, hard ").append(rate(v.day(), v.day().bounces(BounceKind.HARD)))
            .append("</p>");
    }

    private static String held(Dashboard d, DomainView v) {
        return v.state().throttles() ? Long.toString(d.held().getOrDefault(v.domain(), 0L)) : "-";
    }

    private static String rateChart(DomainView v, Instant at, int hours, RateSettings s) {
        Instant end = at.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] hard = new double[hours];
        double[] soft = new double[hours];
        double[] block = new double[hours];
        double[] complaint = new double[hours];
        double top = s.hardCritical() * 1.2;
        for (int i = 0; i < hours; i++) {
            WindowCounts w = v.hours().get(end.minus(Duration.ofHours(hours - i)));
            boolean none = w == null || w.attempts() == 0;
            hard[i] = none ? Double.NaN : w.rate(BounceKind.HARD);
            soft[i] = none ? Double.NaN : w.rate(BounceKind.SOFT);
            block[i] = none ? Double.NaN : w.rate(BounceKind.BLOCK);
            complaint[i] = none ? Double.NaN : (double) w.bounces(Category.COMPLAINT) / w.attempts();
            for (double x : new double[] {hard[i], soft[i], block[i], complaint[i]}) {
                if (!Double.isNaN(x)) {
                    top = Math.max(top, x * 1.1);
                }
            }
        }
        series.put("hard", hard);
        series.put("soft", soft);
        series.put("block", block);
        series.put("complaint", complaint);
        double yTop = Math.min(1.0, top);
        String title = hours == 24 ? "last 24 hours" : "last 7 days";
        StringBuilder svg = new StringBuilder();
        svg.append("<figure><figcaption>").append(title).append("</figcaption><svg viewBox=\"0 0 320 130\" role=\"img\" aria-label=\"")
            .append(esc(v.domain())).append(" bounce rates, ").append(title).append("\">");
        axes(svg, hours == 24 ? "-24 h" : "-7 d", percent(yTop));
        threshold(svg, s.hardWarning(), yTop, "warning", "#d4ac0d");
        threshold(svg, s.hardBad(), yTop, "bad", "#e67e22");
        threshold(svg, s.hardCritical(), yTop, "critical", "#c0392b");
        Map<String, String> colours = Map.of("hard", "#c0392b", "soft", "#e67e22", "block", "#8e44ad", "complaint", "#2c3e50");
        series.forEach((name, values) -> svg.append("<path class=\"line ").append(name).append("\" stroke=\"").append(colours.get(name))
            .append("\" d=\"").append(path(values, yTop)).append("\"><title>").append(name).append("</title></path>"));
        if (allNaN(hard)) {
            svg.append("<text x=\"170\" y=\"60\" text-anchor=\"middle\" class=\"none\">no attempt in this period</text>");
        }
        return svg.append("</svg></figure>").toString();
    }

    private static boolean allNaN(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static final double X0 = 34;
    private static final double X1 = 314;
    private static final double Y0 = 110;
    private static final double Y1 = 8;

    private static void axes(StringBuilder svg, String start, String top) {
        svg.append("<line class=\"axis\" x1=\"").append(X0).append("\" y1=\"").append(Y0).append("\" x2=\"").append(X1).append("\" y2=\"")
            .append(Y0).append("\"/><text x=\"").append(X0).append("\" y=\"124\" class=\"tick\">").append(start)
            .append("</text><text x=\"").append(X1).append("\" y=\"124\" class=\"tick\" text-anchor=\"end\">now</text>")
            .append("<text x=\"30\" y=\"").append(Y1 + 4).append("\" class=\"tick\" text-anchor=\"end\">").append(top)
            .append("</text><text x=\"30\" y=\"").append(Y0).append("\" class=\"tick\" text-anchor=\"end\">0</text>");
    }

    private static void threshold(StringBuilder svg, double rate, double top, String name, String colour) {
        double y = y(rate, top);
        svg.append("<line class=\"threshold ").append(name).append("\" stroke=\"").append(colour).append("\" x1=\"").append(X0)
            .append("\" y1=\"").append(f(y)).append("\" x2=\"").append(X1).append("\" y2=\"").append(f(y)).append("\"><title>").append(name)
            .append(" ").append(percent(rate)).append("</title></line>");
    }

    /**
     * A line through the values; a gap where there is none (no attempt that hour). A value alone between
     * gaps is a dot: a zero-length segment that the round line cap draws.
     */
    private static String path(double[] values, double top) {
        StringBuilder p = new StringBuilder();
        double step = values.length > 1 ? (X1 - X0) / (values.length - 1) : 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            boolean first = i == 0 || Double.isNaN(values[i - 1]);
            boolean alone = first && (i == values.length - 1 || Double.isNaN(values[i + 1]));
            p.append(first ? " M" : " L").append(f(X0 + i * step)).append(' ').append(f(y(values[i], top)));
            if (alone) {
                p.append(" h0.01");
            }
        }
        return p.toString().strip();
    }

    private static double y(double value, double top) {
        return Y0 - (Y0 - Y1) * Math.min(1, value / top);
    }

    // ---- suppressions

    private static void suppressions(StringBuilder h, Dashboard d, Mode mode) {
        h.append("<section id=\"suppressions\"><h2>Suppressions</h2>");
        h.append("<form id=\"search\" role=\"search\"><input id=\"q\" name=\"q\" type=\"search\" placeholder=\"address or domain\" ")
            .append("aria-label=\"address or domain\"><button type=\"submit\">Search</button></form><div id=\"results\" aria-live=\"polite\">")
            .append(mode == Mode.FILE ? "<p class=\"hint\">In this file the search looks at the domains and the newest suppressions below; "
                + "one address's whole history: WebAdmin's dashboard or <code>bounces suppressions show</code>.</p>" : "")
            .append("</div>");
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        Map<String, Long> bySource = new TreeMap<>();
        long total = 0;
        for (SuppressionCount c : d.inForce()) {
            byCategory.merge(c.category(), c.count(), Long::sum);
            bySource.merge(c.source().label(), c.count(), Long::sum);
            total += c.count();
        }
        if (total == 0) {
            h.append("<p class=\"empty\">No address is suppressed. Addresses that bounce for good (unknown user, bad domain, ")
                .append("disabled mailbox), complaints and the ones added by hand appear here, with the report that put them here.</p>");
        } else {
            h.append("<div class=\"cards\"><article class=\"card\"><h3>In force: ").append(total).append("</h3><table id=\"by-category\">")
                .append("<thead><tr><th>Category</th><th>Addresses</th></tr></thead><tbody>");
            byCategory.forEach((c, n) -> h.append("<tr data-category=\"").append(c.label()).append("\"><td><span class=\"swatch\" style=\"background:")
                .append(COLOURS.get(c)).append("\"></span>").append(c.label()).append("</td><td class=\"n\">").append(n).append("</td></tr>"));
            h.append("</tbody></table><table id=\"by-source\"><thead><tr><th>Source</th><th>Addresses</th></tr></thead><tbody>");
            bySource.forEach((src, n) -> h.append("<tr><td>").append(src).append("</td><td class=\"n\">").append(n).append("</td></tr>"));
            h.append("</tbody></table></article><article class=\"card wide\"><h3>New suppressions per day, last ").append(Dashboard.DAYS)
                .append(" days</h3>").append(stackedBars("new suppressions per day", d.suppressionsPerDay(), COLOURS, Category::label, "-" + Dashboard.DAYS + " d"))
                .append("<h3>By source</h3><p class=\"legend\">").append(sourceLegend(d)).append("</p>")
                .append(stackedBars("new suppressions per day by source", d.suppressionsPerDayBySource(), SOURCE_COLOURS, k -> k,
                    "-" + Dashboard.DAYS + " d"))
                .append("</article></div>");
        }
        h.append("<h3>Newest</h3>");
        if (d.newest().isEmpty()) {
            h.append("<p class=\"empty\">None yet.</p>");
        } else {
            h.append("<div class=\"scroll\"><table id=\"newest\"><thead><tr><th>Address</th><th>Category</th><th>Source</th><th>Since</th>")
                .append("<th>Code</th><th>Diagnostic (verbatim)</th></tr></thead><tbody>");
            for (Suppression s : d.newest()) {
                h.append("<tr data-address=\"").append(esc(s.address().value())).append("\"><td>").append(esc(s.address().value()))
                    .append("</td><td>").append(s.category().label()).append("</td><td>").append(s.source().label())
                    .append("</td><td>").append(time(s.suppressedAt())).append("</td><td>")
                    .append(esc(s.replyCode().map(Object::toString).orElse("")) + s.status().map(st -> " " + st).orElse(""))
                    .append("</td><td class=\"diag\">").append(esc(s.diagnostic().orElse(""))).append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }
        h.append("</section>\n");
    }

    // ---- reports

    private static void reports(StringBuilder h, Dashboard d) {
        h.append("<section id=\"reports\"><h2>Reports received</h2>");
        long total = d.reportsPerHour().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        if (total == 0) {
            h.append("<p class=\"empty\">No report in the last 7 days. Bounces (DSN), complaints (ARF) and James' own delivery ")
                .append("failures appear here per hour, and in red the reports that could not be authenticated: a forgery attempt shows.</p>");
        } else {
            Map<String, Long> sums = new TreeMap<>();
            d.reportsPerHour().values().forEach(m -> m.forEach((k, n) -> sums.merge(k, n, Long::sum)));
            h.append("<p class=\"legend\">Per hour, last 7 days: ");
            List<String> parts = new ArrayList<>();
            sums.forEach((k, n) -> parts.add("<span class=\"swatch\" style=\"background:" + REPORT_COLOURS.getOrDefault(k, "#7f8c8d")
                + "\"></span><span class=\"report-kind\" data-kind=\"" + esc(k) + "\">" + esc(k) + " " + n + "</span>"));
            h.append(String.join(", ", parts)).append("</p>")
                .append(stackedBars("reports received per hour", d.reportsPerHour(), REPORT_COLOURS, k -> k, "-7 d"));
        }
        h.append("</section>\n");
    }

    /** One bar per key of {@code bars} (days or hours, in order), stacked by series. */
    private static <K> String stackedBars(String label, Map<Instant, ? extends Map<K, Long>> bars, Map<K, String> colours,
                                          Function<K, String> name, String start) {
        long max = 1;
        for (Map<K, Long> bar : bars.values()) {
            max = Math.max(max, bar.values().stream().mapToLong(Long::longValue).sum());
        }
        StringBuilder svg = new StringBuilder("<svg class=\"bars\" viewBox=\"0 0 320 130\" role=\"img\" aria-label=\"")
            .append(esc(label)).append("\">");
        axes(svg, start, Long.toString(max));
        double width = (X1 - X0) / Math.max(1, bars.size());
        int i = 0;
        for (Map.Entry<Instant, ? extends Map<K, Long>> bar : bars.entrySet()) {
            double y = Y0;
            for (Map.Entry<K, Long> part : bar.getValue().entrySet()) {
                double height = (Y0 - Y1) * part.getValue() / max;
                y -= height;
                svg.append("<rect x=\"").append(f(X0 + i * width)).append("\" y=\"").append(f(y)).append("\" width=\"")
                    .append(f(Math.max(0.5, width - 0.5))).append("\" height=\"").append(f(height)).append("\" fill=\"")
                    .append(colours.getOrDefault(part.getKey(), "#7f8c8d")).append("\"><title>").append(esc(name.apply(part.getKey())))
                    .append(" ").append(part.getValue()).append(", ").append(bar.getKey()).append("</title></rect>");
            }
            i++;
        }
        return svg.append("</svg>").toString();
    }

    // ---- bits

    private static String sourceLegend(Dashboard d) {
        Map<String, Long> sums = new TreeMap<>();
        d.suppressionsPerDayBySource().values().forEach(m -> m.forEach((k, n) -> sums.merge(k, n, Long::sum)));
        List<String> parts = new ArrayList<>();
        sums.forEach((k, n) -> parts.add("<span class=\"swatch\" style=\"background:" + SOURCE_COLOURS.getOrDefault(k, "#7f8c8d")
            + "\"></span>" + esc(k) + " " + n));
        return parts.isEmpty() ? "none in these days" : String.join(", ", parts);
    }

    private static String seriesLegend() {
        return "<span class=\"swatch\" style=\"background:#c0392b\"></span>hard <span class=\"swatch\" style=\"background:#e67e22\"></span>soft "
            + "<span class=\"swatch\" style=\"background:#8e44ad\"></span>block <span class=\"swatch\" style=\"background:#2c3e50\"></span>complaint;"
            + " dashed: the thresholds";
    }

    private static String badge(DomainState state) {
        return "<span class=\"badge " + state.name().toLowerCase(Locale.ROOT) + "\">" + label(state) + "</span>";
    }

    private static String label(DomainState state) {
        return state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private static String rate(WindowCounts w, long n) {
        return w.attempts() == 0 || n > w.attempts() ? "-" : percent((double) n / w.attempts());
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, rate < 0.1 ? "%.1f%%" : "%.0f%%", rate * 100);
    }

    private static String f(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    private static String time(Instant t) {
        String iso = t.truncatedTo(ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + iso + "\">" + iso.replace('T', ' ').replace("Z", " UTC") + "</time>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<Category, String> colours() {
        Map<Category, String> c = new EnumMap<>(Category.class);
        String[] palette = {"#c0392b", "#e74c3c", "#922b21", "#e67e22", "#f5b041", "#8e44ad", "#a569bd", "#6c3483", "#d4ac0d",
            "#7f8c8d", "#95a5a6", "#5d6d7e", "#2c3e50", "#27ae60", "#bdc3c7"};
        Category[] all = Category.values();
        for (int i = 0; i < all.length; i++) {
            c.put(all[i], palette[i % palette.length]);
        }
        return c;
    }

    private static final String STYLE = """
        :root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2833;background:#f4f6f7}
        body{margin:0}header{background:#1c2833;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:baseline}
        header h1{margin:0;font-size:1.3rem}header p{margin:0}main{padding:0 1rem 2rem;max-width:1400px;margin:auto}
        h2{border-bottom:2px solid #d5d8dc;padding-bottom:.2rem}.cards{display:flex;flex-wrap:wrap;gap:1rem}
        .card{background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002;padding:.6rem .8rem;flex:1 1 420px;min-width:0}
        .card.wide{flex:2 1 520px}.card h3{margin:.2rem 0 .4rem;font-size:1rem;overflow-wrap:anywhere}
        .charts{display:flex;flex-wrap:wrap;gap:.5rem}figure{margin:0;flex:1 1 190px;min-width:0}figcaption{font-size:.8rem;color:#566573}
        svg{width:100%;height:auto;display:block}svg.bars{max-width:760px}.line{fill:none;stroke-width:2;stroke-linecap:round}.threshold{stroke-dasharray:4 3;stroke-width:1}
        .axis{stroke:#aab7b8}.tick,.none{font-size:9px;fill:#566573}.scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:.85rem;margin:.4rem 0}
        th,td{padding:.25rem .45rem;border-bottom:1px solid #eaeded;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
        td.diag{font-family:ui-monospace,monospace;font-size:.78rem;overflow-wrap:anywhere;min-width:16rem}
        .badge{font-size:.75rem;padding:.1rem .45rem;border-radius:9px;color:#fff;background:#27ae60;white-space:nowrap}
        .badge.warning{background:#d4ac0d}.badge.throttled{background:#e67e22}.badge.critical{background:#c0392b}
        .state{font-size:.85rem;margin:.2rem 0}.swatch{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin:0 .25rem 0 .4rem}
        .legend,.hint{font-size:.85rem;color:#566573}.empty{background:#fff;padding:.8rem;border-left:4px solid #aab7b8}
        form{display:flex;gap:.4rem;margin:.4rem 0}input[type=search]{flex:1;max-width:28rem;padding:.35rem;font-size:1rem}
        button{padding:.35rem .8rem;font-size:.95rem;cursor:pointer}#results pre{white-space:pre-wrap;overflow-wrap:anywhere}
        tr.hidden{display:none}summary{cursor:pointer;margin:.6rem 0;font-weight:600}
        .link{color:#1f618d;text-decoration:underline;cursor:pointer}
        """;

    private static final String SCRIPT = """
        (function(){
          'use strict';
          function local(){document.querySelectorAll('time[datetime]').forEach(function(t){
            var d=new Date(t.getAttribute('datetime'));if(!isNaN(d)){t.title=t.textContent;t.textContent=d.toLocaleString();}});}
          local();
          var live=document.body.dataset.mode==='live';
          var refresh=document.getElementById('refresh');
          if(refresh){refresh.addEventListener('click',function(){location.reload();});}
          var results=document.getElementById('results');
          function text(tag,s,cls){var e=document.createElement(tag);e.textContent=s;if(cls){e.className=cls;}return e;}
          function show(nodes){results.replaceChildren.apply(results,nodes);}
          function row(cells){var tr=document.createElement('tr');cells.forEach(function(c){tr.appendChild(text('td',c==null?'':String(c)));});return tr;}
          function table(head,rows){var t=document.createElement('table');var h=document.createElement('tr');
            head.forEach(function(c){h.appendChild(text('th',c));});var th=document.createElement('thead');th.appendChild(h);t.appendChild(th);
            var tb=document.createElement('tbody');rows.forEach(function(r){tb.appendChild(row(r));});t.appendChild(tb);return t;}
          function history(q,j){var out=[text('h3',q+(j.suppressed?': suppressed':': not suppressed'))];
            if(j.suppression){var s=j.suppression;out.push(text('p',s.category+', '+s.source+', since '+s.suppressedAt+(s.diagnostic?' \\u2014 '+s.diagnostic:'')));}
            out.push(table(['When','Source','Category','Code','Status','Diagnostic'],(j.events||[]).map(function(e){
              return [e.occurredAt,e.source,e.category,e.replyCode,e.status,e.diagnostic];})));
            if((j.audit||[]).length){out.push(table(['When','Change','By','Why'],j.audit.map(function(a){return [a.at,a.action,a.actor,a.reason];})));}
            if((j.untrusted||[]).length){out.push(text('p',j.untrusted.length+' untrusted report(s) about it: they suppressed nothing.'));}
            return out;}
          function search(q){
            if(!live){var n=0;document.querySelectorAll('tr[data-address],tr[data-domain]').forEach(function(tr){
                var k=tr.dataset.address||tr.dataset.domain;var hit=!q||k.indexOf(q)>=0;tr.classList.toggle('hidden',!hit);if(hit&&q){n++;}});
              show([text('p',q?n+' row(s) below match \\u201c'+q+'\\u201d.':'')]);return;}
            var url=q.indexOf('@')>=0?'suppressions/'+encodeURIComponent(q):'suppressions?limit=100&domain='+encodeURIComponent(q);
            show([text('p','Searching\\u2026')]);
            fetch(url,{headers:{'Accept':'application/json'}}).then(function(r){
              if(r.status===404){show([text('p','Nothing is known about '+q+'.','none-found')]);return null;}
              if(!r.ok){throw new Error('HTTP '+r.status);}return r.json();
            }).then(function(j){if(!j){return;}
              if(q.indexOf('@')>=0){show(history(q,j));}
              else{var t=table(['Address','Category','Source','Since','Diagnostic'],
                j.items.map(function(s){return [s.address,s.category,s.source,s.suppressedAt,s.diagnostic];}));
                t.querySelectorAll('tbody tr').forEach(function(tr){var a=tr.cells[0];a.className='link';a.tabIndex=0;
                  a.addEventListener('click',function(){document.getElementById('q').value=a.textContent;search(a.textContent);});});
                show([text('h3',j.items.length+(j.next?'+':'')+' suppressed at '+q+' (an address shows its history)'),t]);}
            }).catch(function(e){show([text('p','The search failed: '+e.message,'error')]);});}
          document.getElementById('search').addEventListener('submit',function(ev){ev.preventDefault();
            search(document.getElementById('q').value.trim().toLowerCase());});
        })();
        """;
}

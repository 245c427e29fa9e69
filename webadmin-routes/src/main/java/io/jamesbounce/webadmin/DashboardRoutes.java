package io.jamesbounce.webadmin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;

import io.jamesbounce.core.rates.DomainReport;
import io.jamesbounce.core.rates.RateSettings;
import io.jamesbounce.store.DomainRates;
import io.jamesbounce.store.dashboard.Dashboard;
import io.jamesbounce.store.dashboard.DashboardData;
import io.jamesbounce.store.dashboard.DashboardPage;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The postmaster's dashboard: {@code GET /bounces/dashboard}, one self-contained HTML page drawn from
 * the store this server shares and its rate monitor's live states, the page's search asking
 * {@link SuppressionRoutes}. The same page as {@code bounces report --html}, live.
 */
public class DashboardRoutes implements Routes {
    public static final String DASHBOARD = SuppressionRoutes.BASE + "/dashboard";

    private final DashboardData data;
    private final Clock clock;
    private DomainRates rates;

    @Inject
    public DashboardRoutes(DashboardData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /** The rate monitor, when the extension binds one: its states are the live ones. */
    @com.google.inject.Inject(optional = true)
    void rates(DomainRates rates) {
        this.rates = rates;
    }

    @Override
    public String getBasePath() {
        return DASHBOARD;
    }

    @Override
    public void define(Service spark) {
        spark.get(DASHBOARD, this::page);
    }

    private Object page(Request request, Response response) {
        Instant now = clock.instant();
        RateSettings settings = rates != null ? rates.settings() : RateSettings.defaults();
        DomainReport report = rates != null ? rates.report()
            : DomainReport.assessed(List.of(), settings, now);
        Dashboard dashboard = Dashboard.read(data, report, settings, now);
        response.type("text/html; charset=utf-8");
        // the page holds addresses and diagnostics: never kept by a proxy or the browser's cache
        response.header("Cache-Control", "no-store");
        return DashboardPage.html(dashboard, DashboardPage.Mode.LIVE);
    }
}

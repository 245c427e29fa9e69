package io.jamesbounce.webadmin;

import org.apache.james.webadmin.mdc.RequestId;
import org.apache.james.webadmin.mdc.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;

/**
 * Logs an import request without its body. James' default request logger reads the whole body into a
 * String to log it; for an import of millions of rows that would hold the list in memory and leave the
 * route nothing to stream. Bound by {@link BounceWebAdminModule}.
 */
public class ImportRequestLogger implements RequestLogger {
    private static final Logger LOGGER = LoggerFactory.getLogger(ImportRequestLogger.class);

    @Override
    public boolean applies(Request request) {
        return "POST".equalsIgnoreCase(request.requestMethod()) && SuppressionRoutes.IMPORT.equals(request.pathInfo());
    }

    @Override
    public void log(Request request, RequestId requestId) {
        LOGGER.info("WebAdmin request received requestId={} ip={} endpoint={} method={} content-type={} (body streamed, not logged)",
            requestId.asString(), request.ip(), request.url(), request.requestMethod(), request.contentType());
    }
}

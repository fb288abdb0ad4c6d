// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/CurlExporter.h"

#include "core/collections/HttpFileWriter.h"
#include "core/http/RequestText.h"

namespace verbscope::collections {

QByteArray CurlExporter::write(const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    QStringList lines;
    for (const Exporter::Resolved &e : Exporter::resolveAll(collection, options, warnings)) {
        const HttpRequest &r = *e.request;
        const ResolvedRequest &rr = e.resolved;
        QStringList words { QStringLiteral("curl") };
        QString pipe; // a body curl cannot take as a word (NUL, not UTF-8, a leading @) is piped in
        if (e.options.redirects == http::RedirectMode::Follow)
            words << QStringLiteral("-L");
        if (!e.options.verifyTls)
            words << QStringLiteral("-k");
        const bool defaultMethod
            = (rr.method == QLatin1String("GET") && !rr.hasBody) || (rr.method == QLatin1String("POST") && rr.hasBody);
        if (!defaultMethod)
            words << QStringLiteral("-X") << http::shellQuote(rr.method);
        for (const HeaderLine &h : rr.headers)
            words << QStringLiteral("-H") << http::shellQuote(h.name + QStringLiteral(": ") + h.value);
        if (!rr.bodyFile.isEmpty()) {
            words << QStringLiteral("--data-binary") << http::shellQuote(QLatin1Char('@') + rr.bodyFile);
        } else if (rr.hasBody && http::curlBodyNeedsPipe(rr.body)) {
            pipe = QStringLiteral("printf ") + http::printfQuote(rr.body) + QStringLiteral(" | ");
            words << QStringLiteral("--data-binary") << QStringLiteral("@-");
        } else if (rr.hasBody) {
            words << QStringLiteral("--data-binary") << http::shellQuote(QString::fromUtf8(rr.body));
        }
        for (const QString &err : rr.errors)
            warnings << err;
        // curl has no inactivity timeout: --max-time bounds the whole exchange, the nearest it has.
        if (e.options.idleTimeoutMs != RequestContext::defaultOptions().idleTimeoutMs)
            words << QStringLiteral("--max-time") << QString::number(e.options.idleTimeoutMs / 1000.0);
        for (const Directive &d : r.directives)
            if (d.name != QLatin1String("no-redirect") && d.name != QLatin1String("insecure")
                && d.name != QLatin1String("timeout"))
                warnings
                    << QStringLiteral("%1: %2: directive @%3 has no curl option").arg(e.file, r.displayName(), d.name);
        if (!r.handlers.isEmpty())
            warnings << QStringLiteral("%1: %2: response handlers cannot run in curl").arg(e.file, r.displayName());
        words << http::shellQuote(rr.url);
        // A CR in the name would hide the comment's start when the file is shown: escaped, as \r.
        lines << QStringLiteral("# ") + HttpFileWriter::shown(r.displayName());
        lines << pipe + words.join(QLatin1Char(' '));
    }
    return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

} // namespace verbscope::collections

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/codegen/CodeExport.h"

#include "core/collections/HttpFileWriter.h"

namespace verbscope::codegen {

using namespace verbscope::collections;

http::RequestSpec CodeExport::specOf(const Exporter::Resolved &e)
{
    // As RequestPipeline::prepare builds it, from the (possibly redacted) resolved text.
    http::RequestSpec s;
    s.method = e.resolved.method.toUtf8();
    s.url = e.resolved.url;
    for (const HeaderLine &h : e.resolved.headers)
        s.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    s.hasBody = e.resolved.hasBody;
    s.body = e.resolved.body;
    s.bodyFile = e.resolved.bodyFile;
    s.options = e.options;
    return s;
}

ExportResult CodeExport::write(
    const Collection &collection, const CodeGenerator &generator, const ExportOptions &options, const QString &only)
{
    ExportResult result;
    QStringList parts;
    for (const Exporter::Resolved &e : Exporter::resolveAll(collection, options, result.warnings)) {
        const HttpRequest &r = *e.request;
        if (!only.isEmpty() && r.displayName() != only)
            continue;
        result.warnings += e.resolved.errors;
        QStringList notes;
        const QString code = generator.generate(specOf(e), &notes);
        for (const QString &n : notes)
            result.warnings << QStringLiteral("%1:%2: %3: %4").arg(e.file).arg(r.line).arg(r.displayName(), n);
        // The options a snippet does not carry are said, not silently dropped.
        QStringList dropped;
        for (const QString &d : { QStringLiteral("no-redirect"), QStringLiteral("insecure"), QStringLiteral("timeout"),
                 QStringLiteral("connection-timeout"), QStringLiteral("no-cookie-jar"),
                 QStringLiteral("no-auto-encoding") })
            if (r.hasDirective(d))
                dropped << QLatin1Char('@') + d;
        if (!dropped.isEmpty())
            result.warnings << QStringLiteral("%1:%2: %3: %4 not carried into the %5 snippet (set it in the tool)")
                                   .arg(e.file)
                                   .arg(r.line)
                                   .arg(r.displayName(), dropped.join(QStringLiteral(", ")), generator.id());
        if (!r.preRequestScripts.isEmpty())
            result.warnings << QStringLiteral("%1:%2: %3: pre-request scripts cannot run in %4")
                                   .arg(e.file)
                                   .arg(r.line)
                                   .arg(r.displayName(), generator.id());
        if (!r.handlers.isEmpty())
            result.warnings << QStringLiteral("%1:%2: %3: response handlers cannot run in %4")
                                   .arg(e.file)
                                   .arg(r.line)
                                   .arg(r.displayName(), generator.id());
        // A CR in the name would hide the comment's start when the file is shown: escaped.
        parts << generator.commentPrefix() + HttpFileWriter::shown(r.displayName()) + QLatin1Char('\n') + code;
    }
    if (parts.isEmpty() && !only.isEmpty()) {
        result.error = QStringLiteral("no request named \"%1\"").arg(only);
        return result;
    }
    result.data = parts.join(QLatin1Char('\n')).toUtf8();
    return result;
}

} // namespace verbscope::codegen

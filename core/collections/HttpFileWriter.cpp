// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HttpFileWriter.h"

#include <QRegularExpression>

namespace verbscope::collections {

namespace {
QString comment(const QString &c)
{
    return c.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + c;
}

void warn(QStringList *warnings, const QString &w)
{
    if (warnings)
        warnings->append(w);
}
} // namespace

QStringList HttpFileWriter::httpyacCaveats(const HttpFile &file)
{
    static const QStringList known { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("DELETE"), QStringLiteral("PATCH"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
        QStringLiteral("CONNECT"), QStringLiteral("TRACE"), QStringLiteral("PROPFIND"), QStringLiteral("PROPPATCH"),
        QStringLiteral("MKCOL"), QStringLiteral("COPY"), QStringLiteral("MOVE"), QStringLiteral("LOCK"),
        QStringLiteral("UNLOCK"), QStringLiteral("CHECKOUT"), QStringLiteral("CHECKIN"), QStringLiteral("REPORT"),
        QStringLiteral("MERGE"), QStringLiteral("MKACTIVITY"), QStringLiteral("MKWORKSPACE"),
        QStringLiteral("VERSION-CONTROL"), QStringLiteral("BASELINE-CONTROL"), QStringLiteral("MKCALENDAR"),
        QStringLiteral("ACL"), QStringLiteral("SEARCH") };
    QStringList notes;
    for (const HttpRequest &r : file.requests)
        if (!known.contains(r.method))
            notes << QStringLiteral("%1: httpyac only runs its own list of upper-case methods; \"%2\" is read by it "
                                    "as part of the URL (VerbScope and the JetBrains client send it)")
                         .arg(r.displayName(), r.method);
    return notes;
}

QString HttpFileWriter::write(const HttpFile &file, QStringList *warnings)
{
    QStringList out;
    for (const QString &c : file.comments)
        out << comment(c);
    for (const FileVariable &v : file.variables)
        out << QStringLiteral("@%1 = %2").arg(v.name, v.value);
    if (!out.isEmpty())
        out << QString();

    for (const HttpRequest &r : file.requests) {
        const QString who = r.displayName();
        out << (r.title.isEmpty() ? QStringLiteral("###") : QStringLiteral("### ") + r.title);
        for (const QString &c : r.comments) {
            if (c.trimmed().startsWith(QLatin1Char('@')))
                warn(warnings, QStringLiteral("%1: comment \"%2\" will be read back as a directive").arg(who, c));
            out << comment(c);
        }
        if (!r.name.isEmpty())
            out << QStringLiteral("# @name ") + r.name;
        for (const Directive &d : r.directives)
            out << (d.value.isEmpty() ? QStringLiteral("# @") + d.name
                                      : QStringLiteral("# @%1 %2").arg(d.name, d.value));
        for (const FileVariable &v : r.variables)
            out << QStringLiteral("@%1 = %2").arg(v.name, v.value);
        // Found by fuzz_httpfile: any whitespace splits the request line, and a target that looks
        // like "HTTP/1.1" is read back as the version.
        // Spaces inside {{ … }} are fine: the parser keeps a variable reference in one word.
        static const QRegularExpression unwritable(QStringLiteral("\\s|^HTTP/\\d(\\.\\d)?$"));
        static const QRegularExpression reference(QStringLiteral("\\{\\{[^{}\\n]*\\}\\}"));
        if (r.target.isEmpty() || unwritable.match(QString(r.target).remove(reference)).hasMatch())
            warn(warnings,
                QStringLiteral("%1: the target \"%2\" is empty, has whitespace or reads as an HTTP version")
                    .arg(who, r.target));
        QString line = r.method + QLatin1Char(' ') + r.target;
        if (!r.httpVersion.isEmpty())
            line += QLatin1Char(' ') + r.httpVersion;
        out << line;
        for (const HeaderLine &h : r.headers)
            out << h.name + QStringLiteral(": ") + h.value;
        if (r.hasBody) {
            out << QString();
            const QStringList lines = r.body.split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const QString &l = lines.at(i);
                if (l.startsWith(QLatin1String("###")) || l.startsWith(QLatin1String("> "))
                    || l.startsWith(QLatin1String(">> ")) || l.startsWith(QLatin1String("<> ")))
                    warn(warnings,
                        QStringLiteral("%1: body line %2 \"%3\" would be read as a separator or a "
                                       "response handler")
                            .arg(who)
                            .arg(i + 1)
                            .arg(l));
            }
            if (r.body.endsWith(QLatin1Char('\n')))
                warn(warnings,
                    QStringLiteral("%1: trailing line breaks of the body are not kept by the .http syntax").arg(who));
            out << r.body;
        }
        if (!r.handlers.isEmpty()) {
            out << QString();
            out << r.handlers;
        }
        out << QString();
    }
    const QString text = out.join(QLatin1Char('\n'));
    // Found by fuzz_httpfile: a comment, value or body line ending in "\r" is read back with the
    // "\r" taken as part of a CRLF line end.
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines.at(i).endsWith(QLatin1Char('\r')))
            warn(warnings,
                QStringLiteral("line %1 ends with a carriage return, which is read back as part of the line ending")
                    .arg(i + 1));
    return text;
}

} // namespace verbscope::collections

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RequestResolver.h"

#include "core/collections/RequestReferences.h"

// The substitution step of the request pipeline (RequestPipeline): {{variables}}, dynamic
// values and `< file` bodies. It reads files but never sends anything; what it cannot resolve is
// left in place and reported with file, line and column, so nothing is sent half-substituted.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace verbscope::collections {

QString UnresolvedVariable::toString() const
{
    const QString s = QStringLiteral("%1:%2:%3: unresolved variable {{%4}}").arg(file).arg(line).arg(column).arg(name);
    return reason.isEmpty() ? s : s + QStringLiteral(": ") + reason;
}

QString LocalReference::toString() const
{
    return kind == Kind::File ? QStringLiteral("%1:%2: reads %3").arg(file).arg(line).arg(target)
                              : QStringLiteral("%1:%2: reads $processEnv %3").arg(file).arg(line).arg(target);
}

VariableResolver::VariableResolver(VariableMap variables, QSet<QString> redacted)
    : m_variables(std::move(variables))
    , m_redacted(std::move(redacted))
{ }

bool VariableResolver::isDynamic(const QString &name)
{
    return name.startsWith(QLatin1Char('$'));
}

namespace {
// `{{ name }}` with optional spaces inside the braces, as the JetBrains spec writes it.
const QRegularExpression &variablePattern()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([^{}]+?)\\s*\\}\\}"));
    return re;
}

} // namespace

// Values may refer to other variables; the depth limit stops `@a = {{b}}`, `@b = {{a}}` loops.
// A redacted (secret) variable resolves to the marker, never to its value, for exports.
QString VariableResolver::lookup(
    const QString &name, int depth, bool *ok, QString *reason, QList<DynamicValue> *reads) const
{
    if (isDynamic(name)) {
        DynamicContext context = m_dynamic;
        context.variables = &m_variables;
        const DynamicValue v = DynamicVariables::evaluate(name, context);
        if (reads && v.reads != DynamicValue::Reads::Nothing)
            reads->append(v);
        *ok = v.ok;
        if (!v.ok && reason)
            *reason = v.error;
        return v.value;
    }
    // REST Client's {{%name}}: the value percent-encoded, for a query or path segment.
    if (name.startsWith(QLatin1Char('%')) && name.size() > 1) {
        const QString value = lookup(name.mid(1).trimmed(), depth, ok, reason, reads);
        return *ok ? QString::fromLatin1(value.toUtf8().toPercentEncoding()) : QString();
    }
    *ok = m_variables.contains(name) && depth < 16;
    if (!*ok && m_reference && depth < 16 && RequestReference::parse(name)) {
        QString value;
        QString why;
        *ok = m_reference(name, &value, &why);
        if (!*ok && reason)
            *reason = why;
        return value;
    }
    if (!*ok)
        return {};
    if (m_redacted.contains(name))
        return QString::fromLatin1(ResolveOptions::Redacted);
    QString value = m_variables.value(name);
    // Nested references: resolved here; anything left unresolved marks the whole lookup.
    auto it = variablePattern().globalMatch(value);
    QString out;
    qsizetype last = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        bool inner = false;
        const QString v = lookup(m.captured(1), depth + 1, &inner, reason, reads);
        if (!inner) {
            *ok = false;
            return {};
        }
        out += value.mid(last, m.capturedStart() - last) + v;
        last = m.capturedEnd();
    }
    return out + value.mid(last);
}

QString VariableResolver::resolve(const QString &text, const QString &file, int line, int column,
    QList<UnresolvedVariable> *unresolved, QList<DynamicValue> *reads) const
{
    QString out;
    qsizetype last = 0;
    auto it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        bool ok = false;
        QString reason;
        const QString value = lookup(m.captured(1), 0, &ok, &reason, reads);
        out += text.mid(last, m.capturedStart() - last);
        if (ok) {
            out += value;
        } else {
            out += m.captured(0);
            if (unresolved) {
                const qsizetype start = m.capturedStart();
                const qsizetype nl = text.lastIndexOf(QLatin1Char('\n'), start);
                const int lineOffset = int(text.left(start).count(QLatin1Char('\n')));
                const int col = nl < 0 ? column + int(start) : int(start - nl);
                unresolved->append({ m.captured(1), file, line + lineOffset, col, reason });
            }
        }
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

// Later definitions win, in the order the JetBrains client applies them: environment, file
// variables, then the `@x = y` lines of each request up to this one.
VariableMap RequestResolver::variablesFor(const HttpFile &file, qsizetype index, const VariableMap &environment)
{
    VariableMap vars = environment;
    for (const FileVariable &v : file.variables)
        vars.insert(v.name, v.value);
    for (qsizetype i = 0; i <= index && i < file.requests.size(); ++i)
        for (const FileVariable &v : file.requests.at(i).variables)
            vars.insert(v.name, v.value);
    return vars;
}

void RequestResolver::advance(const HttpFile &file, qsizetype index, VariableMap &variables)
{
    if (index < 0) {
        for (const FileVariable &v : file.variables)
            variables.insert(v.name, v.value);
        return;
    }
    for (const FileVariable &v : file.requests.at(index).variables)
        variables.insert(v.name, v.value);
}

namespace {
// "Basic user pass" and "Basic user:pass" as the JetBrains client and httpyac accept them.
QString basicAuth(const QString &value)
{
    if (!value.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive))
        return value;
    const QString rest = value.mid(6).trimmed();
    const qsizetype space = rest.indexOf(QLatin1Char(' '));
    QString pair;
    if (space > 0)
        pair = rest.left(space) + QLatin1Char(':') + rest.mid(space + 1).trimmed();
    else if (rest.contains(QLatin1Char(':')))
        pair = rest;
    else
        return value;
    return QStringLiteral("Basic ") + QString::fromLatin1(pair.toUtf8().toBase64());
}
} // namespace

// Paths in `< file` lines are relative to the .http file, not the working folder, so `run` from
// anywhere and the app read the same file. Multipart bodies get CRLF line ends (RFC 2046 §5.1.1
// requires CRLF around boundaries); other bodies keep the file's LF. Every file and process
// environment variable used is listed in `references`, with the line that uses it.
ResolvedRequest RequestResolver::resolve(const HttpFile &file, qsizetype index, const QString &filePath,
    const VariableMap &environment, const ResolveOptions &options)
{
    const HttpRequest &r = file.requests.at(index);
    VariableResolver vars(
        options.variables ? *options.variables : variablesFor(file, index, environment), options.redacted);
    DynamicContext dynamic = options.dynamic;
    if (dynamic.dotenvPath.isEmpty())
        dynamic.dotenvPath = QFileInfo(filePath).absoluteDir().absoluteFilePath(QStringLiteral(".env"));
    dynamic.readFiles = options.readFiles;
    vars.setDynamicContext(dynamic);
    vars.setReferenceLookup(options.reference);
    ResolvedRequest out;
    out.name = r.displayName();
    out.method = r.method;
    QList<UnresolvedVariable> *unresolved = &out.unresolved;
    const QString shown = options.shownPath.isEmpty() ? filePath : options.shownPath;
    auto refer = [&](LocalReference::Kind kind, const QString &target, int line) {
        const LocalReference ref { kind, target, shown, line };
        if (!out.references.contains(ref))
            out.references.append(ref);
    };
    // $dotenv reads the .env file: consent covers it as the file it is.
    QList<DynamicValue> reads;
    auto referReads = [&](int line) {
        for (const DynamicValue &v : std::as_const(reads))
            refer(v.reads == DynamicValue::Reads::ProcessEnv ? LocalReference::Kind::ProcessEnv
                                                             : LocalReference::Kind::File,
                v.reads == DynamicValue::Reads::ProcessEnv ? v.readName : QDir::cleanPath(v.readName), line);
        reads.clear();
    };
    auto resolve = [&](const QString &text, int line, int column) {
        const QString value = vars.resolve(text, filePath, line, column, unresolved, &reads);
        referReads(line);
        return value;
    };

    for (const HeaderLine &h : r.headers) {
        const QString name = resolve(h.name, h.line, 1);
        QString value = resolve(h.value, h.line, int(h.name.size()) + 3);
        if (name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0)
            value = basicAuth(value);
        out.headers.append({ name, value, h.line });
    }

    QString target = resolve(r.target, r.line, int(r.method.size()) + 2);
    if (target.startsWith(QLatin1Char('/'))) {
        QString host;
        for (const HeaderLine &h : std::as_const(out.headers))
            if (h.name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0)
                host = h.value;
        target = (host.endsWith(QLatin1String(":443")) ? QStringLiteral("https://") : QStringLiteral("http://"))
            + (host.isEmpty() ? QStringLiteral("localhost") : host) + target;
    } else if (!target.contains(QLatin1String("://"))) {
        target = QStringLiteral("http://") + target;
    }
    out.url = target;

    if (!r.hasBody)
        return out;
    out.hasBody = true;
    const QDir base = QFileInfo(filePath).absoluteDir();
    const QString whole = r.bodyFilePath();
    if (!whole.isEmpty()) {
        out.bodyFile = QDir::cleanPath(base.absoluteFilePath(resolve(whole, r.bodyLine, 3)));
        refer(LocalReference::Kind::File, out.bodyFile, r.bodyLine);
        if (!QFileInfo(out.bodyFile).isFile())
            out.errors << QStringLiteral("%1:%2: body file \"%3\" does not exist")
                              .arg(shown)
                              .arg(r.bodyLine)
                              .arg(out.bodyFile);
        if (!options.inlineBodyFiles || !options.readFiles)
            return out;
    }
    bool multipart = false;
    for (const HeaderLine &h : std::as_const(out.headers))
        if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            multipart = h.value.startsWith(QLatin1String("multipart/"), Qt::CaseInsensitive);
    const QByteArray eol = multipart ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    const QStringList lines = r.body.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &l = lines.at(i);
        const int lineNo = r.bodyLine + int(i);
        if (i > 0)
            out.body += eol;
        if (l.startsWith(QLatin1String("< ")) || l.startsWith(QLatin1String("<@ "))) {
            const bool substitute = l.startsWith(QLatin1String("<@"));
            const QString path
                = base.absoluteFilePath(resolve(l.mid(l.indexOf(QLatin1Char(' '))).trimmed(), lineNo, 3));
            refer(LocalReference::Kind::File, QDir::cleanPath(path), lineNo);
            if (!options.readFiles)
                continue;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                out.errors << QStringLiteral("%1:%2: cannot read body file \"%3\": %4")
                                  .arg(shown)
                                  .arg(lineNo)
                                  .arg(path, f.errorString());
                continue;
            }
            const QByteArray content = f.readAll();
            if (!substitute) {
                out.body += content;
                continue;
            }
            // The included file's own {{$processEnv X}} count as this line's.
            out.body += vars.resolve(QString::fromUtf8(content), path, 1, 1, unresolved, &reads).toUtf8();
            referReads(lineNo);
            continue;
        }
        out.body += resolve(l, lineNo, 1).toUtf8();
    }
    if (multipart)
        out.body += eol;
    return out;
}

} // namespace verbscope::collections

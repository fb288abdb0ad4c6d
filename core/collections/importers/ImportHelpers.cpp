// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/ImportHelpers.h"

#include "core/collections/HttpFileWriter.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace verbscope::collections::importhelpers {

QString multipartBody(const QList<MultipartPart> &parts, const QString &boundary)
{
    QStringList lines;
    for (const MultipartPart &p : parts) {
        lines << QStringLiteral("--") + boundary;
        QString d = QStringLiteral("Content-Disposition: form-data; name=\"%1\"").arg(p.name);
        if (p.file)
            d += QStringLiteral("; filename=\"%1\"").arg(QFileInfo(p.value).fileName());
        lines << d;
        if (!p.contentType.isEmpty())
            lines << QStringLiteral("Content-Type: ") + p.contentType;
        lines << QString() << (p.file ? fileLine(p.value) : p.value);
    }
    lines << QStringLiteral("--") + boundary + QStringLiteral("--");
    return lines.join(QLatin1Char('\n'));
}

QString formEncode(const QString &text)
{
    static const QRegularExpression var(QStringLiteral("\\{\\{[^{}]*\\}\\}"));
    QString out;
    qsizetype last = 0;
    auto enc = [](const QString &s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    auto it = var.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += enc(text.mid(last, m.capturedStart() - last)) + m.captured();
        last = m.capturedEnd();
    }
    return out + enc(text.mid(last));
}

bool hasHeader(const HttpRequest &request, const QString &name)
{
    for (const HeaderLine &h : request.headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

void addHeaderIfMissing(HttpRequest &request, const QString &name, const QString &value)
{
    if (!hasHeader(request, name))
        request.headers.append({ name, value, 0 });
}

QString slug(const QString &name)
{
    QString s;
    for (const QChar c : name) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            s += c;
        else if (!s.endsWith(QLatin1Char('_')))
            s += QLatin1Char('_');
    }
    while (s.endsWith(QLatin1Char('_')))
        s.chop(1);
    while (s.startsWith(QLatin1Char('_')))
        s.remove(0, 1);
    return s.isEmpty() ? QStringLiteral("request") : s;
}

QString uniqueSlug(const QString &name, QSet<QString> &used)
{
    const QString s = slug(name);
    QString candidate = s;
    for (int n = 2; used.contains(candidate); ++n)
        candidate = s + QStringLiteral("_%1").arg(n);
    used.insert(candidate);
    return candidate;
}

QString fileLine(const QString &path)
{
    // A Windows absolute path (C:\\…, \\\\server\\…) gets no "./" either: it is not relative.
    static const QRegularExpression windows(QStringLiteral("^([A-Za-z]:[\\\\/]|\\\\\\\\)"));
    if (QFileInfo(path).isAbsolute() || path.startsWith(QLatin1String("./")) || path.startsWith(QLatin1String("../"))
        || windows.match(path).hasMatch())
        return QStringLiteral("< ") + path;
    return QStringLiteral("< ./") + path;
}

QString jsonError(const QByteArray &json, const QJsonParseError &error)
{
    // Qt reports the offset in bytes; the column counts characters, as editors do.
    const QByteArray before = json.left(error.offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype bom = lineStart == 0 && before.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart + bom)).size() + 1;
    return QStringLiteral("not JSON: %1 at offset %2 (line %3, column %4)")
        .arg(error.errorString())
        .arg(error.offset)
        .arg(line)
        .arg(column);
}

void flagUnwritable(const HttpRequest &request, const QString &item, QList<ImportIssue> &issues)
{
    for (const HttpFileWriter::Hazard &h : HttpFileWriter::hazards(request))
        if (h.blocks)
            issues.append({ HttpFileWriter::shown(item), h.what,
                QStringLiteral("the request is written as a comment and not sent") });
}

bool looksLikeJson(const QByteArray &content)
{
    qsizetype i = content.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n'))
        ++i;
    return i < content.size() && (content[i] == '{' || content[i] == '[');
}

} // namespace verbscope::collections::importhelpers

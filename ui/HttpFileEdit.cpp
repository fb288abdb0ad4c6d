// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/HttpFileEdit.h"

#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/RequestPipeline.h"
#include "core/http/RequestSpec.h"

#include <algorithm>

// Used by CollectionTabs to save one request back into its file. It must never re-write the whole
// file from the parse: that would lose the user's spacing, comments and line endings elsewhere.
namespace verbscope::ui {

using namespace verbscope::collections;

namespace {
// `###` starts a request in the JetBrains HTTP Client format; the rest of the line is its title.
bool isSeparator(const QString &line)
{
    return line.startsWith(QLatin1String("###"));
}

// Lines that belong to the request below them: comments (# or //), `# @name` style directives and
// `@variable = value` lines.
bool isPrelude(const QString &line)
{
    const QString trimmed = line.trimmed();
    return trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1String("//"))
        || trimmed.startsWith(QLatin1Char('@'));
}

// The request alone, as the writer puts it: a `###` line first, no trailing blank line.
QStringList written(const HttpRequest &request)
{
    HttpFile one;
    one.requests = { request };
    QStringList lines = HttpFileWriter::write(one).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    return lines;
}
} // namespace

// Works on lines, not on a re-serialised file: the request's block runs from its `###` (or, for
// the first request, its own prelude) up to the next separator, and only that block is swapped.
// The blank lines before the next request stay, and a CRLF file gets CRLF lines.
QString HttpFileEdit::replace(
    const QString &text, const HttpFile &parsed, qsizetype index, const std::optional<HttpRequest> &replacement)
{
    if (index < 0 || index >= parsed.requests.size())
        return text;
    const bool crlf = text.contains(QLatin1String("\r\n"));
    QStringList lines = text.split(QLatin1Char('\n'));
    const auto plain = [&](qsizetype i) {
        QString l = lines.at(i);
        if (l.endsWith(QLatin1Char('\r')))
            l.chop(1);
        return l;
    };
    const qsizetype requestLine = parsed.requests.at(index).line - 1; // 0-based
    const qsizetype previous = index > 0 ? parsed.requests.at(index - 1).line - 1 : -1;
    qsizetype start = -1;
    for (qsizetype i = requestLine; i > previous && i >= 0; --i)
        if (isSeparator(plain(i))) {
            start = i;
            break;
        }
    if (start < 0) {
        // No `###` before it (the first request): its prelude is the comment lines just above.
        const HttpRequest &r = parsed.requests.at(index);
        const qsizetype preludeLines
            = r.comments.size() + r.directives.size() + (r.name.isEmpty() ? 0 : 1) + r.variables.size();
        start = requestLine;
        while (start > 0 && requestLine - start < preludeLines && isPrelude(plain(start - 1)))
            --start;
    }
    qsizetype end = lines.size(); // exclusive
    for (qsizetype i = requestLine + 1; i < lines.size(); ++i)
        if (isSeparator(plain(i))) {
            end = i;
            break;
        }
    qsizetype contentEnd = end;
    while (contentEnd > requestLine + 1 && plain(contentEnd - 1).trimmed().isEmpty())
        --contentEnd;
    QStringList middle;
    if (replacement) {
        middle = written(*replacement);
        if (crlf)
            for (QString &l : middle)
                l += QLatin1Char('\r');
        lines.remove(start, contentEnd - start);
    } else {
        const bool toEnd = end == lines.size();
        lines.remove(start, end - start); // the blank lines after it go too
        if (toEnd && text.endsWith(QLatin1Char('\n')))
            lines.append(QString()); // the file still ends with a newline
    }
    for (qsizetype i = 0; i < middle.size(); ++i)
        lines.insert(start + i, middle.at(i));
    return lines.join(QLatin1Char('\n'));
}

QString HttpFileEdit::requestText(const HttpRequest &request)
{
    return written(request).join(QLatin1Char('\n'));
}

// One blank line between the last request and the new one, and the file ends with a newline.
QString HttpFileEdit::append(const QString &text, const HttpRequest &request)
{
    QString out = text;
    if (!out.isEmpty() && !out.endsWith(QLatin1Char('\n')))
        out += QLatin1Char('\n');
    if (!out.trimmed().isEmpty())
        out += QLatin1Char('\n');
    return out + written(request).join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString HttpFileEdit::unsaveable(const HttpRequest &request)
{
    QStringList why;
    for (const HttpFileWriter::Hazard &h : HttpFileWriter::hazards(request))
        if (h.blocks)
            why << h.what;
    return why.join(QStringLiteral("; "));
}

// The same check as HttpFileWriter::writeVerified, on the spliced file: nothing else moved.
QString HttpFileEdit::verifySaved(const QString &text, qsizetype count, qsizetype index, const HttpRequest &request)
{
    HttpFile one;
    one.requests = { request };
    const HttpFileWriter::Written w = HttpFileWriter::writeVerified(one);
    if (!w.error.isEmpty() || w.expected.requests.size() != 1)
        return w.error.isEmpty() ? unsaveable(request) : w.error;
    const ParseResult back = HttpFileParser::parse(text);
    if (back.file.requests.size() != count)
        return QStringLiteral("the file would hold %1 request(s) instead of %2")
            .arg(back.file.requests.size())
            .arg(count);
    if (index < 0 || index >= count || back.file.requests.at(index) != w.expected.requests.constFirst())
        return QStringLiteral("\"%1\" would not read back as saved").arg(HttpFileWriter::shown(request.displayName()));
    return {};
}

// Starts from the parsed request so what the editor does not show (comments, name, variables)
// survives a save.
HttpRequest HttpFileEdit::merge(const HttpRequest &original, const http::RequestSpec &spec)
{
    HttpRequest r = original;
    r.method = QString::fromUtf8(spec.method);
    r.target = spec.url;
    QList<HeaderLine> headers;
    for (const http::Header &h : spec.headers)
        headers.append({ QString::fromUtf8(h.name), QString::fromUtf8(h.value), 0 });
    // The editor keeps Content-Type with the body, so it comes back last: when nothing but the
    // order differs, the file keeps its order (and sends what `run` sends).
    if (!std::is_permutation(headers.cbegin(), headers.cend(), original.headers.cbegin(), original.headers.cend()))
        r.headers = headers;
    r.hasBody = spec.hasBody;
    r.body = !spec.bodyFile.isEmpty() ? QStringLiteral("< ") + spec.bodyFile : QString::fromUtf8(spec.body);
    RequestPipeline::writeDirectives(spec.options, r);
    return r;
}

http::RequestSpec HttpFileEdit::toSpec(const HttpRequest &request)
{
    http::RequestSpec spec;
    spec.method = request.method.toUtf8();
    spec.url = request.target;
    for (const HeaderLine &h : request.headers)
        spec.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    spec.hasBody = request.hasBody;
    if (const QString file = request.bodyFilePath(); !file.isEmpty())
        spec.bodyFile = file;
    else
        spec.body = request.body.toUtf8();
    // The Options page shows what the pipeline will use: `run`'s defaults and the directives.
    spec.options = RequestContext::defaultOptions();
    RequestPipeline::applyDirectives(request, spec.options, nullptr);
    return spec;
}

// After the file changed on disk a request may have moved: the old index is trusted only if the
// name still matches there, otherwise the first request with that name is taken.
qsizetype HttpFileEdit::locate(const HttpFile &file, qsizetype hint, const QString &name)
{
    if (hint >= 0 && hint < file.requests.size() && file.requests.at(hint).displayName() == name)
        return hint;
    for (qsizetype i = 0; i < file.requests.size(); ++i)
        if (file.requests.at(i).displayName() == name)
            return i;
    return -1;
}

} // namespace verbscope::ui

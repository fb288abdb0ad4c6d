// SPDX-License-Identifier: GPL-3.0-or-later
// The .http parser on arbitrary text. Properties: it never crashes, every issue points inside
// the file, whatever it reads writes back to text that reads as what the writer meant, and a
// file it reads without errors writes back (when the writer has no warning) to text that parses
// to the same requests.
#include "FuzzSupport.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"

#include <algorithm>

using namespace verbscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const collections::ParseResult parsed = collections::HttpFileParser::parse(text, QStringLiteral("fuzz.http"));
    const int lines = int(text.count(QLatin1Char('\n'))) + 1;
    for (const collections::ParseIssue &issue : parsed.issues) {
        if (issue.line < 1 || issue.line > lines) {
            std::fprintf(stderr, "%d lines; %s\n", lines, qPrintable(issue.toString()));
            fuzz::fail("issue line outside the file");
        }
        fuzz::require(issue.column >= 0, "negative issue column");
        fuzz::require(!issue.message.isEmpty(), "issue without a message");
    }
    // Whatever was read, errors included: the writer never writes a text that reads back
    // differently from what it meant, nor more requests than it was given.
    const collections::HttpFileWriter::Written verified = collections::HttpFileWriter::writeVerified(parsed.file);
    if (!verified.error.isEmpty()) {
        std::fprintf(stderr, "written:\n%s\n%s\n", qPrintable(verified.text), qPrintable(verified.error));
        fuzz::fail("written file does not read back as written");
    }
    if (parsed.hasErrors())
        return 0;
    QStringList warnings;
    const QString written = collections::HttpFileWriter::write(parsed.file, &warnings);
    if (!warnings.isEmpty())
        return 0;
    const collections::ParseResult again = collections::HttpFileParser::parse(written, QStringLiteral("fuzz.http"));
    if (again.hasErrors()) {
        std::fprintf(stderr, "written:\n%s\nfirst issue: %s\n", qPrintable(written),
            qPrintable(again.issues.constFirst().toString()));
        fuzz::fail("written file does not parse");
    }
    if (again.file.requests != parsed.file.requests) {
        std::fprintf(stderr, "written:\n%s\n%lld requests read, %lld after writing\n", qPrintable(written),
            static_cast<long long>(parsed.file.requests.size()), static_cast<long long>(again.file.requests.size()));
        for (const collections::HttpRequest &r : parsed.file.requests)
            std::fprintf(stderr, "read: method [%s] target [%s] comments [%s]\n", qPrintable(r.method),
                qPrintable(r.target), qPrintable(r.comments.join(QLatin1Char('|'))));
        for (qsizetype i = 0; i < std::min(again.file.requests.size(), parsed.file.requests.size()); ++i) {
            const collections::HttpRequest &a = parsed.file.requests.at(i);
            const collections::HttpRequest &b = again.file.requests.at(i);
            if (a == b)
                continue;
            std::fprintf(stderr, "request %lld: target [%s] vs [%s], body [%s] vs [%s], comments [%s] vs [%s]\n",
                static_cast<long long>(i), qPrintable(a.target), qPrintable(b.target), qPrintable(a.body),
                qPrintable(b.body), qPrintable(a.comments.join(QLatin1Char('|'))),
                qPrintable(b.comments.join(QLatin1Char('|'))));
        }
        fuzz::fail("round trip changed the requests");
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HandlerBlocks.h"

#include <QStringList>

namespace verbscope::collections {

namespace {

QString afterMarker(const QString &line, qsizetype prefixLength)
{
    return line.mid(prefixLength).trimmed();
}

// One pass over the lines of `text` (the first at `firstLine`). `marker` is '>' for response
// handlers and '<' for pre-request scripts; only handlers may save or reference responses or hold
// `??` assertions.
HandlerParse split(const QString &text, int firstLine, QChar marker, const QString &file)
{
    HandlerParse out;
    if (text.isEmpty())
        return out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    const bool handlers = marker == QLatin1Char('>');
    const QString scriptStart = QString(marker) + QStringLiteral(" {%");
    bool inScript = false;
    HandlerBlock script;
    QStringList scriptLines;
    int openLine = 0;
    int openColumn = 0;
    auto issue = [&](int line, int column, const QString &message, bool warning = false) {
        out.issues.append({ file, line, column, message, warning });
    };
    // `%}` ends the script; text after it on the line is an error, not silently dropped.
    // `offset`: where `line` starts in the file's line, for the column.
    auto close = [&](const QString &line, qsizetype end, int number, qsizetype offset) {
        scriptLines << line.left(end);
        script.text = scriptLines.join(QLatin1Char('\n'));
        out.blocks << script;
        inScript = false;
        qsizetype after = end + 2;
        while (after < line.size() && line.at(after).isSpace())
            ++after;
        if (after < line.size())
            issue(number, int(offset + after) + 1,
                QStringLiteral("text after %} (\"%1\"): a script block ends its line").arg(line.mid(after).trimmed()));
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &l = lines.at(i);
        const int number = firstLine + int(i);
        if (inScript) {
            if (const qsizetype end = l.indexOf(QLatin1String("%}")); end >= 0)
                close(l, end, number, 0);
            else
                scriptLines << l;
            continue;
        }
        if (l.trimmed().isEmpty() || l.trimmed().startsWith(QLatin1Char('#'))
            || l.trimmed().startsWith(QLatin1String("//")))
            continue; // comments between handlers are layout, as elsewhere in the file
        auto add = [&](HandlerBlock::Kind kind, qsizetype prefix) {
            qsizetype start = prefix;
            while (start < l.size() && l.at(start).isSpace())
                ++start;
            out.blocks << HandlerBlock { kind, afterMarker(l, prefix), number, int(start) + 1 };
        };
        if (handlers && (l.startsWith(QLatin1String("?? ")) || l == QLatin1String("??"))) {
            out.blocks << HandlerBlock { HandlerBlock::Kind::Assertion, l, number, 1 };
        } else if (l.startsWith(scriptStart)) {
            const qsizetype body = scriptStart.size();
            openLine = number;
            openColumn = int(body) - 1; // 1-based column of `{`
            script = HandlerBlock { HandlerBlock::Kind::Script, {}, number, int(body) + 1 };
            scriptLines.clear();
            inScript = true;
            const QString rest = l.mid(body);
            if (const qsizetype end = rest.indexOf(QLatin1String("%}")); end >= 0) {
                close(rest, end, number, body);
            } else if (rest.trimmed().isEmpty()) {
                script.line = number + 1; // the text starts on the next line
                script.column = 1;
            } else {
                scriptLines << rest;
            }
        } else if (handlers && l.startsWith(QLatin1String(">>! "))) {
            add(HandlerBlock::Kind::SaveResponseOverwrite, 4);
        } else if (handlers && l.startsWith(QLatin1String(">> "))) {
            add(HandlerBlock::Kind::SaveResponse, 3);
        } else if (handlers && l.startsWith(QLatin1String("<> "))) {
            add(HandlerBlock::Kind::ResponseReference, 3);
        } else if (l.startsWith(QString(marker) + QLatin1Char(' ')) && !afterMarker(l, 2).isEmpty()) {
            add(HandlerBlock::Kind::ScriptFile, 2);
        } else {
            issue(number, 1,
                handlers ? QStringLiteral("\"%1\" is not a response handler (> {% … %}, > file.js, >> file, >>! "
                                          "file, <> file or ?? assertion)")
                               .arg(l.trimmed().left(40))
                         : QStringLiteral("\"%1\" is not a pre-request script (< {% … %} or < file.js)")
                               .arg(l.trimmed().left(40)),
                true);
        }
    }
    if (inScript) {
        issue(openLine, openColumn, QStringLiteral("unterminated {%: no %} before the end of the request"));
    }
    return out;
}

} // namespace

HandlerParse HandlerBlocks::ofHandlers(const HttpRequest &request, const QString &file)
{
    return split(request.handlers, request.handlersLine, QLatin1Char('>'), file);
}

HandlerParse HandlerBlocks::ofPreRequest(const HttpRequest &request, const QString &file)
{
    return split(request.preRequestScripts, request.preRequestLine, QLatin1Char('<'), file);
}

} // namespace verbscope::collections

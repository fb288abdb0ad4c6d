// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

#include <QList>
#include <QString>

namespace verbscope::collections {

// What follows a request's body (HttpRequest::handlers), or precedes its request line
// (HttpRequest::preRequestScripts), split into what the runner does with each part.
struct HandlerBlock {
    enum class Kind {
        Script, // `> {% … %}` / `< {% … %}`: text is the JavaScript between the markers
        ScriptFile, // `> ./check.js` / `< ./setup.js`: text is the path as written
        SaveResponse, // `>> ./out.json`: text is the path (a new name when the file exists)
        SaveResponseOverwrite, // `>>! ./out.json`
        ResponseReference, // `<> ./previous.json`: the JetBrains client's earlier response, not run
        Assertion, // `?? …`: text is the whole line
    };
    Kind kind = Kind::Script;
    QString text;
    int line = 0; // 1-based line where the block's text starts (the line after `{%` when it stands alone)
    int column = 0;
};

struct HandlerParse {
    QList<HandlerBlock> blocks;
    QList<ParseIssue> issues; // an unterminated `{%`, text after `%}`…
};

class HandlerBlocks
{
public:
    static HandlerParse ofHandlers(const HttpRequest &request, const QString &file = {});
    static HandlerParse ofPreRequest(const HttpRequest &request, const QString &file = {});
};

} // namespace verbscope::collections

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

#include <QStringList>

namespace verbscope::collections {

// Writes an HttpFile in the syntax HttpFileParser reads back to the same requests and that
// httpyac and the JetBrains client run. No value can change the structure of the file: what
// can be kept harmlessly is (a multi-line comment becomes several comment lines, a line break in
// a title is shown as \n), and a request with a value that would add a request, a header, a
// variable or a directive is written as a commented-out block that says why. Everything not
// written exactly as given is listed in the warnings.
class HttpFileWriter
{
public:
    // A value of a request that cannot be written as it is.
    struct Hazard {
        QString what; // `header 2 "X" has a line break (LF at character 2) in its value`
        bool blocks = false; // the request can only be written as a comment
    };

    struct Written {
        QString text;
        QStringList warnings; // one line for each value not written exactly as given
        QStringList commented; // the requests and file variables written as comments, and why
        HttpFile expected; // what `text` parses back to: requests written as requests, normalised
        QString error; // writeVerified: the text does not read back as `expected`; write nothing
    };

    static QString write(const HttpFile &file, QStringList *warnings = nullptr);
    // write() and a parse of its output, compared with what was meant to be written. Every
    // caller that puts a .http file on disk uses this one and stops on `error`.
    static Written writeVerified(const HttpFile &file);
    // Empty when `text` parses, without an error, to exactly `expected`'s variables and requests;
    // else which request (or variable) differs.
    static QString verify(const QString &text, const HttpFile &expected);
    // The structural problems of one request's values, in the order they are written.
    static QList<Hazard> hazards(const HttpRequest &request);
    // A value with its line breaks and control characters made visible, for messages.
    static QString shown(const QString &value);
    // Requests httpyac cannot run as written: it only knows a fixed list of upper-case verbs.
    static QStringList httpyacCaveats(const HttpFile &file);
};

} // namespace verbscope::collections

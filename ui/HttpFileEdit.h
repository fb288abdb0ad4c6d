// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

#include <optional>

namespace verbscope::http {
struct RequestSpec;
}

namespace verbscope::ui {

// Edits one request of a `.http` file's text and leaves every other byte as it was, so that a
// save from the desktop app touches nothing the user did not change.
class HttpFileEdit
{
public:
    // `parsed` is the parse of `text`. No replacement deletes the request.
    static QString replace(const QString &text, const collections::HttpFile &parsed, qsizetype index,
        const std::optional<collections::HttpRequest> &replacement);
    // The request alone as the writer puts it (`###` line first, no trailing blank line).
    static QString requestText(const collections::HttpRequest &request);
    static QString append(const QString &text, const collections::HttpRequest &request);
    // Why `request` cannot be saved as a request (a body line "###" would start another one, a
    // line break in a header value…), else empty. The writer would only write it as a comment.
    static QString unsaveable(const collections::HttpRequest &request);
    // Empty when `text` (the file after the save) holds `count` requests and the one at `index`
    // reads back as the writer wrote `request`; else what differs, and the save must not happen.
    static QString verifySaved(
        const QString &text, qsizetype count, qsizetype index, const collections::HttpRequest &request);
    // Rewrites `original` with what the editor holds, keeping its name, comments and directives.
    static collections::HttpRequest merge(const collections::HttpRequest &original, const http::RequestSpec &spec);
    static http::RequestSpec toSpec(const collections::HttpRequest &request);
    // The index of the request called `name` (display name), preferring `hint`; -1 if none.
    static qsizetype locate(const collections::HttpFile &file, qsizetype hint, const QString &name);
};

} // namespace verbscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

namespace verbscope::http {

// POSIX shell quoting: 'it'\''s' style, bare when only safe characters; a word with a control
// byte (CR, LF, ESC…) in bash's $'a\r\nb' form, so that the command shows it.
QString shellQuote(const QString &word);
// A single-quoted printf format that writes `bytes` exactly, NUL and invalid UTF-8 included
// (octal escapes, % and \ doubled): `printf '…' | curl --data-binary @-`.
QString printfQuote(const QByteArray &bytes);
// True when a body cannot be given to curl as a word: NUL, invalid UTF-8, or a leading @ (a file).
bool curlBodyNeedsPipe(const QByteArray &body);
// "verbscope-cli send -X PUT -H 'A: b' -d '…' URL": a command a person can paste to retry.
QString sendCommandLine(const RequestSpec &spec);
// "curl -i -X PUT -H 'A: b' --data-binary '…' URL": the same request for curl ("copy as curl").
QString curlCommandLine(const RequestSpec &spec);

} // namespace verbscope::http

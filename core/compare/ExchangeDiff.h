// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>
#include <QJsonValue>

namespace verbscope::compare {

// How two responses differ: status line, headers (multi-value aware, volatile ones ignored
// unless asked) and body (text lines, JSON by path, or binary size and SHA-256).
// Pure and QObject-free: history diff, probe and compare all use it.
class ExchangeDiff
{
public:
    struct Options {
        bool allHeaders = false; // also compare Date, Age, X-Request-Id…
        QList<QByteArray> ignoreHeaders; // extra names to ignore (case-insensitive)
        int contextLines = 2;
        int maxLineDiffCells = 4'000'000; // above lines(left) × lines(right) a line diff is not attempted
    };

    struct StatusLine {
        int status = 0; // 0 = no answer
        QByteArray reason;
        QString httpVersion;
    };

    enum class Change { Added, Removed, Changed, Reordered };
    struct HeaderChange {
        QByteArray name; // as spelled on the left when present there
        Change change = Change::Changed;
        QList<QByteArray> left; // the field values, one per field line
        QList<QByteArray> right;
    };

    enum class BodyKind { None, Text, Json, Binary };
    struct LineOp {
        char op = ' '; // ' ' context, '-' only left, '+' only right, '@' hunk header
        int leftLine = 0; // 1-based; 0 when not on that side
        int rightLine = 0;
        QString text;
    };
    struct JsonChange {
        QString path; // "$.items[2].name"
        Change change = Change::Changed;
        QJsonValue left;
        QJsonValue right;
    };
    struct BodySide {
        qint64 size = 0;
        QByteArray sha256; // hex
    };
    struct BodyDiff {
        BodyKind kind = BodyKind::None;
        bool changed = false;
        BodySide left;
        BodySide right;
        QList<LineOp> lines; // Text: hunks with context
        QList<JsonChange> json; // Json
        QString note; // why a finer diff was not made
    };

    struct Result {
        bool same = true;
        StatusLine left;
        StatusLine right;
        bool statusChanged = false;
        QList<HeaderChange> headers;
        QList<QByteArray> ignoredHeaders; // volatile names that were present and skipped
        BodyDiff body;
    };

    static Result compare(const http::Exchange &left, const http::Exchange &right, const Options &options);
    static Result compare(const http::Exchange &left, const http::Exchange &right)
    {
        return compare(left, right, Options {});
    }
    static bool isVolatileHeader(QByteArrayView name);

    // "verbscope.diff/1" (docs/formats.md); `left`/`right` describe the sides (id, method, url…).
    static QJsonObject toJson(const Result &result, const QJsonObject &left = {}, const QJsonObject &right = {});
    // A readable report; empty sections are left out.
    static QString toText(const Result &result, const QString &leftLabel, const QString &rightLabel);
    // The same report as GitHub-flavoured Markdown: tables for status and headers, the body
    // as a JSON-path table or a ```diff block (the desktop app's "Export as Markdown").
    static QString toMarkdown(const Result &result, const QString &leftLabel, const QString &rightLabel);
    static QString changeName(Change change);
};

} // namespace verbscope::compare

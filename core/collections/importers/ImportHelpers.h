// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"
#include "core/collections/importers/ImportResult.h"

#include <QJsonParseError>
#include <QSet>

// Small pieces the importers share.
namespace verbscope::collections::importhelpers {

struct MultipartPart {
    QString name;
    QString value; // text value, or the file path when `file`
    bool file = false;
    QString contentType;
};

// A multipart body in the .http syntax: file parts as `< path` lines.
QString multipartBody(const QList<MultipartPart> &parts, const QString &boundary);
// Percent-encodes for application/x-www-form-urlencoded but leaves {{variables}} intact.
QString formEncode(const QString &text);
bool hasHeader(const HttpRequest &request, const QString &name);
void addHeaderIfMissing(HttpRequest &request, const QString &name, const QString &value);
// "Create user (v2)" → "Create_user_v2", unique within `used`.
// A title as an @name: letters, digits, - and _, other runs as one _ ("request" when nothing is left).
QString slug(const QString &name);
QString uniqueSlug(const QString &name, QSet<QString> &used);
// `< ./path` for a relative path, `< /abs` for an absolute one.
QString fileLine(const QString &path);
// "not JSON: <Qt's text> at offset N (line L, column C)": the line and column are what an editor
// shows, so a user can find a syntax error in a large export.
QString jsonError(const QByteArray &json, const QJsonParseError &error);
// Reports, under the item's name in the source, each value of `request` that the .http writer
// can only write as a comment (a line break in a header value, a method that is not a token…).
void flagUnwritable(const HttpRequest &request, const QString &item, QList<ImportIssue> &issues);
// True when the text, after a BOM and white space, opens a JSON object or array.
bool looksLikeJson(const QByteArray &content);

} // namespace verbscope::collections::importhelpers

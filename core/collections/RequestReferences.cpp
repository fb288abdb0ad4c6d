// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RequestReferences.h"

#include "core/collections/Assertions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace verbscope::collections {

std::optional<RequestReference> RequestReference::parse(const QString &variable)
{
    // name.(request|response).(body|headers).selector; the name is REST Client's @name token.
    static const QRegularExpression re(
        QStringLiteral("\\A([A-Za-z0-9_-]+)\\.(request|response)\\.(body|headers)(?:\\.(.*))?\\z"));
    const QRegularExpressionMatch m = re.match(variable.trimmed());
    if (!m.hasMatch()) {
        static const QRegularExpression httpyac(
            QStringLiteral("\\A([A-Za-z0-9_-]+)((?:\\.[A-Za-z_$][A-Za-z0-9_$]*|\\[[0-9]+\\])+)\\z"));
        const QRegularExpressionMatch h = httpyac.match(variable.trimmed());
        if (!h.hasMatch())
            return std::nullopt;
        RequestReference r;
        r.name = h.captured(1);
        r.selector = QLatin1Char('$') + h.captured(2);
        r.httpyacForm = true;
        return r;
    }
    RequestReference r;
    r.name = m.captured(1);
    r.part = m.captured(2) == QLatin1String("request") ? Part::Request : Part::Response;
    r.section = m.captured(3) == QLatin1String("body") ? Section::Body : Section::Headers;
    r.selector = m.captured(4).trimmed();
    return r;
}

namespace {
struct Step {
    bool anyDepth = false; // `//name`
    QString name; // `*` for any element
};

// Does stack[0..depth] match steps[0..step], stack[depth] being the element of steps[step]?
bool matches(const QStringList &stack, qsizetype depth, const QList<Step> &steps, qsizetype step)
{
    const Step &s = steps.at(step);
    if (s.name != QLatin1String("*") && s.name != stack.at(depth))
        return false;
    if (step == 0)
        return s.anyDepth || depth == 0;
    if (!s.anyDepth)
        return depth > 0 && matches(stack, depth - 1, steps, step - 1);
    for (qsizetype d = depth - 1; d >= 0; --d)
        if (matches(stack, d, steps, step - 1))
            return true;
    return false;
}

// The XPath subset REST Client's examples use: `//token`, `/root/a/b`, `//a/b`, `*` steps, and a
// final `/@attribute` or `/text()`. The first matching element's text (or attribute) is the value.
QString xpath(const QByteArray &xml, const QString &path, QString *error)
{
    QString expr = path;
    QString attribute;
    if (const qsizetype at = expr.lastIndexOf(QLatin1String("/@")); at >= 0) {
        attribute = expr.mid(at + 2);
        expr = expr.left(at);
    } else if (expr.endsWith(QLatin1String("/text()"))) {
        expr.chop(7);
    }
    QList<Step> steps;
    static const QRegularExpression name(
        QStringLiteral("\\A(?:\\*|[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?)\\z"));
    qsizetype i = 0;
    while (i < expr.size()) {
        if (expr.at(i) != QLatin1Char('/')) {
            *error = QStringLiteral("XPath \"%1\": expected \"/\" at offset %2 (VerbScope reads /a/b, //a, * and a "
                                    "final /@attr or /text())")
                         .arg(path)
                         .arg(i);
            return {};
        }
        const bool any = expr.mid(i, 2) == QLatin1String("//");
        i += any ? 2 : 1;
        qsizetype end = expr.indexOf(QLatin1Char('/'), i);
        if (end < 0)
            end = expr.size();
        const QString n = expr.mid(i, end - i);
        if (!name.match(n).hasMatch()) {
            *error = QStringLiteral("XPath \"%1\": \"%2\" is not an element name (VerbScope reads /a/b, //a, * and "
                                    "a final /@attr or /text())")
                         .arg(path, n);
            return {};
        }
        steps.append({ any, n.contains(QLatin1Char(':')) ? n.section(QLatin1Char(':'), 1) : n });
        i = end;
    }
    if (steps.isEmpty()) {
        *error = QStringLiteral("XPath \"%1\" names no element").arg(path);
        return {};
    }
    QXmlStreamReader r(xml);
    QStringList stack;
    int capturing = -1; // depth of the matched element while its text is gathered
    QString text;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            stack << r.name().toString();
            if (capturing < 0 && matches(stack, stack.size() - 1, steps, steps.size() - 1)) {
                if (!attribute.isEmpty()) {
                    if (r.attributes().hasAttribute(attribute))
                        return r.attributes().value(attribute).toString();
                    continue;
                }
                capturing = int(stack.size());
            }
        } else if (r.isEndElement()) {
            if (capturing == stack.size())
                return text;
            stack.removeLast();
        } else if (capturing >= 0 && (r.isCharacters() || r.isCDATA())) {
            text += r.text();
        }
    }
    *error = r.hasError() ? QStringLiteral("the body is not XML: %1 (line %2)").arg(r.errorString()).arg(r.lineNumber())
                          : QStringLiteral("XPath \"%1\" selects nothing").arg(path);
    return {};
}

QString headerValues(const http::HeaderList &headers, const QString &name)
{
    QStringList values;
    for (const http::Header &h : headers)
        if (QString::fromLatin1(h.name).compare(name, Qt::CaseInsensitive) == 0)
            values << QString::fromUtf8(h.value);
    return values.join(QStringLiteral(", "));
}

QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: break;
    }
    return {};
}
} // namespace

QString RequestReference::valueIn(const http::RequestSpec &sent, const http::Exchange &exchange, QString *error) const
{
    const bool response = part == Part::Response;
    const QString whose
        = QStringLiteral("%1's %2").arg(name, response ? QStringLiteral("response") : QStringLiteral("request"));
    if (response && !exchange.response.received) {
        *error = QStringLiteral("%1 has no response (%2)").arg(name, exchange.error.message);
        return {};
    }
    if (section == Section::Headers) {
        if (selector.isEmpty()) {
            *error = QStringLiteral("%1 headers: name the header ({{%2.%3.headers.Location}})")
                         .arg(whose, name, response ? QStringLiteral("response") : QStringLiteral("request"));
            return {};
        }
        const http::HeaderList &headers = response ? exchange.response.head.headers : sent.headers;
        bool found = false;
        for (const http::Header &h : headers)
            found = found || QString::fromLatin1(h.name).compare(selector, Qt::CaseInsensitive) == 0;
        if (!found) {
            *error = QStringLiteral("%1 has no header %2").arg(whose, selector);
            return {};
        }
        return headerValues(headers, selector);
    }
    const QByteArray body = response ? exchange.response.body : sent.body;
    if (response && exchange.response.bodyTruncated) {
        *error = QStringLiteral("%1 body was not kept whole (%2 of %3 bytes)")
                     .arg(whose)
                     .arg(body.size())
                     .arg(exchange.response.decodedSize);
        return {};
    }
    if (selector.isEmpty() || selector == QLatin1String("*"))
        return QString::fromUtf8(body);
    if (selector.startsWith(QLatin1Char('$'))) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
        if (pe.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1 body is not JSON (%2 at byte %3), so %4 selects nothing")
                         .arg(whose, pe.errorString())
                         .arg(pe.offset)
                         .arg(selector);
            return {};
        }
        QString pathError;
        const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
        const QJsonValue v = Assertions::select(root, selector, &pathError);
        if (!pathError.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(selector, pathError);
            return {};
        }
        if (v.isUndefined()) {
            *error = QStringLiteral("%1 selects nothing in %2 body").arg(selector, whose);
            return {};
        }
        return jsonText(v);
    }
    if (selector.startsWith(QLatin1Char('/'))) {
        QString xmlError;
        const QString v = xpath(body, selector, &xmlError);
        if (!xmlError.isEmpty())
            *error = QStringLiteral("%1 body: %2").arg(whose, xmlError);
        return v;
    }
    *error = QStringLiteral("%1 body: \"%2\" is not a selector (use *, a JSONPath starting with $, or an XPath "
                            "starting with /)")
                 .arg(whose, selector);
    return {};
}

} // namespace verbscope::collections

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RunData.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace verbscope::collections {

namespace {
struct CsvRecord {
    QStringList fields;
    int line = 0; // where it starts, 1-based
};

// Columns count characters, not bytes, so an error points where an editor shows it.
RunDataResult splitCsv(const QString &text, const QString &name, QList<CsvRecord> &records)
{
    RunDataResult result;
    int line = 1;
    int column = 1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto fail = [&](int l, int c, const QString &what) {
        result.error = QStringLiteral("%1:%2:%3: %4").arg(name, QString::number(l), QString::number(c), what);
        return result;
    };
    while (i < n) {
        CsvRecord record;
        record.line = line;
        bool blank = true;
        for (;;) { // one field
            QString field;
            if (i < n && text.at(i) == QLatin1Char('"')) {
                blank = false;
                const int openLine = line;
                const int openColumn = column;
                ++i;
                ++column;
                bool closed = false;
                while (i < n) {
                    const QChar c = text.at(i);
                    if (c == QLatin1Char('"')) {
                        if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                            field += c;
                            i += 2;
                            column += 2;
                            continue;
                        }
                        ++i;
                        ++column;
                        closed = true;
                        break;
                    }
                    if (c == QLatin1Char('\n')) {
                        ++line;
                        column = 1;
                    } else {
                        ++column;
                    }
                    field += c;
                    ++i;
                }
                if (!closed)
                    return fail(openLine, openColumn, QStringLiteral("unterminated quoted field"));
                if (i < n && text.at(i) == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                    ++i; // CRLF after the closing quote
                if (i < n && text.at(i) != QLatin1Char(',') && text.at(i) != QLatin1Char('\n'))
                    return fail(line, column,
                        QStringLiteral("text after a closing quote (a quote inside a quoted "
                                       "field is written twice: \"\")"));
            } else {
                while (i < n && text.at(i) != QLatin1Char(',') && text.at(i) != QLatin1Char('\n')) {
                    const QChar c = text.at(i);
                    if (c == QLatin1Char('"'))
                        return fail(line, column,
                            QStringLiteral("quote inside an unquoted field (quote the whole field and double the "
                                           "quote)"));
                    if (!(c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')))
                        field += c;
                    ++i;
                    ++column;
                }
                if (!field.isEmpty())
                    blank = false;
            }
            record.fields << field;
            if (i < n && text.at(i) == QLatin1Char(',')) {
                blank = false;
                ++i;
                ++column;
                continue;
            }
            break; // end of line or of text
        }
        if (i < n) { // the '\n'
            ++i;
            ++line;
            column = 1;
        }
        if (!blank)
            records << record;
    }
    return result;
}
} // namespace

RunDataResult RunData::load(const QString &path, const QString &shownName)
{
    const QString name = shownName.isEmpty() ? path : shownName;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return { {}, QStringLiteral("%1: %2").arg(name, f.errorString()) };
    if (f.size() > MaxFileBytes)
        return { {},
            QStringLiteral("%1: %2 bytes, above the limit of %3")
                .arg(name, QString::number(f.size()), QString::number(MaxFileBytes)) };
    const QByteArray bytes = f.readAll();
    if (QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return parseJson(bytes, name);
    return parseCsv(bytes, name);
}

RunDataResult RunData::parseCsv(const QByteArray &bytes, const QString &name)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const QString text = QString::fromUtf8(data);
    if (text.toUtf8() != data) // invalid UTF-8 would be silently replaced
        return { {}, QStringLiteral("%1: not valid UTF-8").arg(name) };
    QList<CsvRecord> records;
    RunDataResult result = splitCsv(text, name, records);
    if (!result.ok())
        return result;
    if (records.isEmpty())
        return { {}, QStringLiteral("%1: no header row").arg(name) };
    const CsvRecord header = records.takeFirst();
    for (qsizetype c = 0; c < header.fields.size(); ++c) {
        const QString column = header.fields.at(c).trimmed();
        if (column.isEmpty())
            return { {},
                QStringLiteral("%1:%2: column %3 of the header has no name")
                    .arg(name, QString::number(header.line), QString::number(c + 1)) };
        if (header.fields.indexOf(header.fields.at(c)) != c)
            return { {},
                QStringLiteral("%1:%2: column \"%3\" appears twice in the header")
                    .arg(name, QString::number(header.line), column) };
    }
    for (qsizetype r = 0; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        if (rec.fields.size() != header.fields.size())
            return { {},
                QStringLiteral("%1:%2: row %3 has %4 fields, the header has %5")
                    .arg(name, QString::number(rec.line), QString::number(r + 1), QString::number(rec.fields.size()),
                        QString::number(header.fields.size())) };
        VariableMap row;
        for (qsizetype c = 0; c < header.fields.size(); ++c)
            row.insert(header.fields.at(c).trimmed(), rec.fields.at(c));
        result.rows << row;
    }
    return result;
}

RunDataResult RunData::parseJson(const QByteArray &bytes, const QString &name)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Line and column of the offset, so the message points like every other parse error.
        int line = 1, column = 1;
        const QByteArray head = bytes.left(pe.offset);
        line += int(head.count('\n'));
        column = int(QString::fromUtf8(head.mid(head.lastIndexOf('\n') + 1)).size()) + 1;
        return {
            {},
            QStringLiteral("%1:%2:%3: %4").arg(name, QString::number(line), QString::number(column), pe.errorString())
        };
    }
    if (!doc.isArray())
        return { {}, QStringLiteral("%1: expected an array of objects, one per iteration").arg(name) };
    RunDataResult result;
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return { {}, QStringLiteral("%1: element %2 is not an object").arg(name, QString::number(i + 1)) };
        const QJsonObject o = array.at(i).toObject();
        VariableMap row;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonValue v = it.value();
            QString value;
            if (v.isString())
                value = v.toString();
            else if (v.isBool())
                value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (v.isDouble())
                // Integers as written (42, not 42.0); other numbers in the shortest exact form.
                value = QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact))
                            .mid(1)
                            .chopped(1);
            else if (v.isNull())
                value = QString();
            else
                return { {},
                    QStringLiteral("%1: element %2, \"%3\": expected a string, number, boolean or null, not %4")
                        .arg(name, QString::number(i + 1), it.key(),
                            v.isArray() ? QStringLiteral("an array") : QStringLiteral("an object")) };
            row.insert(it.key(), value);
        }
        result.rows << row;
    }
    return result;
}

} // namespace verbscope::collections

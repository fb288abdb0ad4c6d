// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/codegen/CodeGenerator.h"

#include "core/collections/codegen/Generators.h"
#include "core/http/RequestText.h"

#include <QStringDecoder>
#include <QUrl>

namespace verbscope::codegen {

const QList<const CodeGenerator *> &CodeGenerator::all()
{
    static const CurlGenerator curl;
    static const HttpieGenerator httpie;
    static const WgetGenerator wget;
    static const PowerShellGenerator powershell;
    static const PythonGenerator python;
    static const FetchGenerator fetch;
    static const NodeGenerator node;
    static const GoGenerator go;
    static const QtGenerator qt;
    static const QList<const CodeGenerator *> list { &curl, &httpie, &wget, &powershell, &python, &fetch, &node, &go,
        &qt };
    return list;
}

const CodeGenerator *CodeGenerator::byId(const QString &id)
{
    for (const CodeGenerator *g : all())
        if (g->id().compare(id, Qt::CaseInsensitive) == 0)
            return g;
    return nullptr;
}

QStringList CodeGenerator::ids()
{
    QStringList out;
    for (const CodeGenerator *g : all())
        out << g->id();
    return out;
}

namespace quote {

namespace {
QString hex2(uchar c)
{
    return QStringLiteral("%1").arg(c, 2, 16, QLatin1Char('0'));
}
} // namespace

bool needsBytes(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return true;
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    return decoder.hasError() || text.toUtf8() != bytes;
}

QString printfBytes(const QByteArray &bytes)
{
    return http::printfQuote(bytes);
}

QString cString(const QByteArray &utf8, bool escapeDollar)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : QString::fromUtf8(utf8)) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '"': out += QStringLiteral("\\\""); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '$': out += escapeDollar ? QStringLiteral("\\$") : QStringLiteral("$"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x2028 || c.unicode() == 0x2029)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

QString pythonBytes(const QByteArray &bytes)
{
    QString out = QStringLiteral("b'");
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (ch == '\\' || ch == '\'')
            out += QLatin1Char('\\') + QLatin1Char(ch);
        else if (ch == '\n')
            out += QStringLiteral("\\n");
        else if (ch == '\r')
            out += QStringLiteral("\\r");
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else
            out += QStringLiteral("\\x") + hex2(c);
    }
    return out + QLatin1Char('\'');
}

QString pythonStr(const QString &text)
{
    QString out = QStringLiteral("'");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('\''))
            out += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x") + hex2(static_cast<uchar>(c.unicode()));
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

QString jsString(const QString &text)
{
    return cString(text.toUtf8());
}

QString jsLatin1(const QByteArray &bytes)
{
    QString out = QStringLiteral("\"");
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (ch == '\\' || ch == '"')
            out += QLatin1Char('\\') + QLatin1Char(ch);
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else
            out += QStringLiteral("\\x") + hex2(c);
    }
    return out + QLatin1Char('"');
}

QString goString(const QByteArray &bytes)
{
    QString out = QStringLiteral("\"");
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (ch == '\\' || ch == '"')
            out += QLatin1Char('\\') + QLatin1Char(ch);
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else // Go strings are bytes: \xNN keeps UTF-8 and invalid sequences alike
            out += QStringLiteral("\\x") + hex2(c);
    }
    return out + QLatin1Char('"');
}

QString powershellString(const QString &text)
{
    QString out = QStringLiteral("'");
    for (const QChar c : text) {
        // PowerShell also ends a single-quoted string at the typographic quotes U+2018..U+201B.
        if (c == QLatin1Char('\'') || (c.unicode() >= 0x2018 && c.unicode() <= 0x201b))
            out += c;
        out += c;
    }
    return out + QLatin1Char('\'');
}

QString cppBytes(const QByteArray &bytes)
{
    QString out = QStringLiteral("QByteArray(\"");
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (ch == '\\' || ch == '"')
            out += QLatin1Char('\\') + QLatin1Char(ch);
        else if (ch == '?') // no trigraphs
            out += QStringLiteral("\\?");
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else // octal, always three digits, so a following digit is never swallowed
            out += QStringLiteral("\\%1").arg(c, 3, 8, QLatin1Char('0'));
    }
    return out + QStringLiteral("\", %1)").arg(bytes.size());
}

QString comments(const QString &prefix, const QStringList &notes)
{
    QString out;
    for (const QString &n : notes)
        out += prefix + QString(n).replace(QLatin1Char('\n'), QLatin1Char(' ')) + QLatin1Char('\n');
    return out;
}

QByteArray hostOf(const QString &url)
{
    const QUrl u(url);
    QByteArray host = u.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (u.port() != -1)
        host += ':' + QByteArray::number(u.port());
    return host;
}

} // namespace quote
} // namespace verbscope::codegen

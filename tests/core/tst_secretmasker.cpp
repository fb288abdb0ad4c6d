// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnosis.h"
#include "core/history/SecretMasker.h"
#include "core/http/Secrets.h"

#include <QTest>

using namespace verbscope::history;
using namespace verbscope::http;

class tst_SecretMasker final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("bearer keeps scheme and last 4")
            << QByteArray("Authorization") << QByteArray("Bearer abcdefghijklmnopqrstuvwxyz")
            << QByteArray("Bearer ****wxyz");
        QTest::newRow("short token") << QByteArray("authorization") << QByteArray("Bearer abc123")
                                     << QByteArray("Bearer ****");
        QTest::newRow("basic fully") << QByteArray("Authorization") << QByteArray("Basic dXNlcjpwYXNzd29yZDEyMzQ1Njc4")
                                     << QByteArray("Basic ****");
        QTest::newRow("proxy") << QByteArray("Proxy-Authorization")
                               << QByteArray("Digest username=\"u\", response=\"0123456789abcdef\"")
                               << QByteArray("Digest ****def\"");
        QTest::newRow("bare token") << QByteArray("Authorization") << QByteArray("0123456789abcdefXYZW")
                                    << QByteArray("****XYZW");
        QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("a=1; sid=xyz; flag")
                                << QByteArray("a=****; sid=****; flag");
        QTest::newRow("set-cookie") << QByteArray("Set-Cookie") << QByteArray("sid=xyz; Path=/; HttpOnly")
                                    << QByteArray("sid=****; Path=/; HttpOnly");
        QTest::newRow("set-cookie merged by Qt")
            << QByteArray("set-cookie") << QByteArray("a=1; Secure\nb=2") << QByteArray("a=****; Secure\nb=****");
        QTest::newRow("api key short") << QByteArray("X-Api-Key") << QByteArray("plain") << QByteArray("****");
        QTest::newRow("api key long keeps last 4")
            << QByteArray("x-api-key") << QByteArray("sk_live_0123456789abcdef") << QByteArray("****cdef");
        QTest::newRow("csrf token") << QByteArray("X-CSRF-Token") << QByteArray("abc") << QByteArray("****");
        QTest::newRow("other header untouched")
            << QByteArray("X-Request-Id") << QByteArray("plain") << QByteArray("plain");
        QTest::newRow("accept untouched") << QByteArray("Accept") << QByteArray("*/*") << QByteArray("*/*");
    }
    void values()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, masked);
        QCOMPARE(SecretMasker::maskValue(name, value), masked);
    }

    // The one definition (http/Secrets.h), one row per family.
    void secretHeaderNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        const bool yes = true, no = false;
        for (const char *n : { "Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Auth",
                 "Authentication", "Authentication-Info", "X-Api-Key", "apikey", "X-Auth-Token", "X-CSRF-Token",
                 "X-Amz-Security-Token", "X-Amz-Credential", "X-Amz-Signature", "Ocp-Apim-Subscription-Key",
                 "X-Functions-Key", "X-Hub-Signature", "X-Hub-Signature-256", "Stripe-Signature", "X-Vault-Token",
                 "Private-Token", "X-Client-Secret", "X-Session-Id", "X-PHPSESSID", "X-Shopify-Hmac-Sha256",
                 "X-Jwt-Assertion", "X-Master-Key", "X-Password" })
            QTest::newRow(n) << QString::fromLatin1(n) << yes;
        for (const char *n : { "Accept", "Content-Type", "Location", "WWW-Authenticate", "X-Request-Id",
                 "Sec-WebSocket-Key", "Idempotency-Key", "Content-Security-Policy", "Key", "X-Amz-Date" })
            QTest::newRow(n) << QString::fromLatin1(n) << no;
    }
    void secretHeaderNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretHeaderName(QStringView(name)), secret);
        QCOMPARE(isSecretHeaderName(QByteArrayView(name.toLatin1())), secret);
        QCOMPARE(SecretMasker::isSecretHeader(name.toLatin1()), secret);
    }

    void secretQueryNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        const bool yes = true, no = false;
        for (const char *n : { "key", "api_key", "apiKey", "token", "access_token", "id_token", "refresh_token",
                 "client_secret", "password", "pwd", "pass", "auth", "sig", "signature", "X-Amz-Signature",
                 "X-Amz-Credential", "X-Amz-Security-Token", "code", "Code", "sid", "sessionid", "JSESSIONID",
                 "PHPSESSID", "subscription-key", "jwt", "hmac", "authorization" })
            QTest::newRow(n) << QString::fromLatin1(n) << yes;
        for (const char *n :
            { "q", "page", "id", "state", "X-Amz-Date", "X-Amz-Expires", "redirect_uri", "sort", "encoding", "codec" })
            QTest::newRow(n) << QString::fromLatin1(n) << no;
    }
    void secretQueryNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretName(name), secret);
        const QString url = QStringLiteral("https://h/x?%1=V4LUE&q=1").arg(name);
        QCOMPARE(verbscope::http::redactUrl(url), secret ? QStringLiteral("https://h/x?%1=****&q=1").arg(name) : url);
    }

    void redactText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("url in a message")
            << QStringLiteral("refused: http://u:pw@127.0.0.1:9/x?token=t&a=1 (after 2 s)")
            << QStringLiteral("refused: http://u:****@127.0.0.1:9/x?token=****&a=1 (after 2 s)");
        QTest::newRow("two urls, quoted")
            << QStringLiteral("redirect from \"https://h/a?code=c1\" to 'http://u:p@o/b?sig=s'")
            << QStringLiteral("redirect from \"https://h/a?code=****\" to 'http://u:****@o/b?sig=****'");
        QTest::newRow("no url") << QStringLiteral("user:pw@ is only text? token=x")
                                << QStringLiteral("user:pw@ is only text? token=x");
        QTest::newRow("empty") << QString() << QString();
    }
    void redactText()
    {
        QFETCH(QString, text);
        QFETCH(QString, redacted);
        QCOMPARE(verbscope::http::redactText(text), redacted);
    }

    void referencesAreKeptAndMaskIsChosen()
    {
        QCOMPARE(verbscope::http::redactUrl(
                     QStringLiteral("{{base}}/x?api_key={{key}}&token=abc"), QStringLiteral("REDACTED")),
            QStringLiteral("{{base}}/x?api_key={{key}}&token=REDACTED"));
        QCOMPARE(verbscope::http::redactUrl(QStringLiteral("http://{{user}}:{{pass}}@h/")),
            QStringLiteral("http://{{user}}:{{pass}}@h/"));
    }

    // History: the new names and query parameters, in headers, raw heads, redirects and messages.
    void historyMasksTheNewNames_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("Authentication") << QByteArray("Authentication")
                                        << QByteArray("Bearer abcdefghijklmnopqrstuvwxyz")
                                        << QByteArray("Bearer ****wxyz");
        QTest::newRow("Ocp-Apim-Subscription-Key")
            << QByteArray("Ocp-Apim-Subscription-Key") << QByteArray("0123456789abcdef0123") << QByteArray("****0123");
        QTest::newRow("X-Functions-Key") << QByteArray("X-Functions-Key") << QByteArray("fk") << QByteArray("****");
        QTest::newRow("X-Hub-Signature-256")
            << QByteArray("X-Hub-Signature-256") << QByteArray("sha256=abc") << QByteArray("****");
        QTest::newRow("X-Amz-Security-Token")
            << QByteArray("x-amz-security-token") << QByteArray("tok") << QByteArray("****");
        QTest::newRow("Location with ?code=")
            << QByteArray("Location") << QByteArray("https://app/cb?code=AUTHCODE&state=s")
            << QByteArray("https://app/cb?code=****&state=s");
        QTest::newRow("Content-Location signed")
            << QByteArray("Content-Location") << QByteArray("/o?X-Amz-Signature=abc&X-Amz-Date=d")
            << QByteArray("/o?X-Amz-Signature=****&X-Amz-Date=d");
    }
    void historyMasksTheNewNames()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, masked);
        QCOMPARE(SecretMasker::maskValue(name, value), masked);
        QCOMPARE(SecretMasker::maskRawHead("HTTP/1.1 200 OK\r\n" + name + ": " + value + "\r\n\r\n"),
            QByteArray("HTTP/1.1 200 OK\r\n" + name + ": " + masked + "\r\n\r\n"));
    }

    void historyMasksSignedUrlsAndMessages()
    {
        Exchange ex;
        ex.request.url = QStringLiteral(
            "https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIA&X-Amz-Signature=SIG1&X-Amz-Security-Token=TOK1");
        ex.request.rawHead = "GET /o?X-Amz-Signature=SIG1 HTTP/1.1\r\nX-Functions-Key: FKEY\r\n\r\n";
        ex.request.headers = { { "X-Functions-Key", "FKEY" } };
        ex.response.head.headers = { { "Location", "https://app/cb?code=CODE1" } };
        ex.response.head.rawHead = "HTTP/1.1 302 Found\r\nLocation: https://app/cb?code=CODE1\r\n\r\n";
        ex.error.message = QStringLiteral("refused: http://u:PASS1@127.0.0.1:9/?code=CODE1");
        ex.warnings << QStringLiteral("redirect to http://h/?sig=SIG1");
        Hop hop;
        hop.request.url = QStringLiteral("https://app/cb?code=CODE1");
        hop.warnings << QStringLiteral("credentials dropped: redirect to https://app/cb?code=CODE1");
        ex.redirects << hop;
        SecretMasker::mask(ex);
        const QByteArray all = ex.request.url.toUtf8() + ex.request.rawHead + ex.request.headers[0].value
            + ex.response.head.headers[0].value + ex.response.head.rawHead + ex.error.message.toUtf8()
            + ex.warnings.join(QLatin1Char(' ')).toUtf8() + ex.redirects[0].request.url.toUtf8()
            + ex.redirects[0].warnings.join(QLatin1Char(' ')).toUtf8();
        for (const char *secret : { "AKIA", "SIG1", "TOK1", "FKEY", "CODE1", "PASS1" })
            QVERIFY2(!all.contains(secret), all.constData());
        QVERIFY(all.contains("X-Amz-Signature=****"));
        QVERIFY(all.contains("http://u:****@127.0.0.1:9/?code=****"));
    }

    void rawHeadKeepsEverythingElse()
    {
        const QByteArray head = "GET /authorization: HTTP/1.1\r\nHost: h\r\nAuthorization:  Bearer "
                                "abcdefghijklmnopqrstuvwxyz\r\ncookie: a=b\r\n\r\n";
        QCOMPARE(SecretMasker::maskRawHead(head),
            QByteArray("GET /authorization: HTTP/1.1\r\nHost: h\r\nAuthorization:  Bearer ****wxyz\r\ncookie: "
                       "a=****\r\n\r\n"));
    }

    void redactUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("password") << QStringLiteral("http://user:s3cr3t@127.0.0.1:8080/x")
                                  << QStringLiteral("http://user:****@127.0.0.1:8080/x");
        QTest::newRow("user only") << QStringLiteral("http://user@h/x") << QStringLiteral("http://user@h/x");
        QTest::newRow("at in path is not user-info")
            << QStringLiteral("http://h/a:b@c") << QStringLiteral("http://h/a:b@c");
        QTest::newRow("query keys") << QStringLiteral("http://h/x?a=1&api_key=K&access_token=T&b=2#f")
                                    << QStringLiteral("http://h/x?a=1&api_key=****&access_token=****&b=2#f");
        QTest::newRow("origin form") << QStringLiteral("/x?password=p") << QStringLiteral("/x?password=****");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("not a url") << QStringLiteral("@:@") << QStringLiteral("@:@");
    }
    void redactUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, redacted);
        QCOMPARE(verbscope::http::redactUrl(url), redacted);
    }

    void urlAndRequestLineMasked()
    {
        Exchange ex;
        ex.request.url = QStringLiteral("http://u:pw@127.0.0.1/x?token=abc");
        ex.request.target = "/x?token=abc";
        ex.request.proxy = QStringLiteral("http://p:proxypw@127.0.0.1:3128");
        ex.request.rawHead = "GET /x?token=abc HTTP/1.1\r\nX-Api-Key: k\r\nHost: h\r\n\r\n";
        SecretMasker::mask(ex);
        QCOMPARE(ex.request.url, QStringLiteral("http://u:****@127.0.0.1/x?token=****"));
        QCOMPARE(ex.request.target, QByteArray("/x?token=****"));
        QCOMPARE(ex.request.proxy, QStringLiteral("http://p:****@127.0.0.1:3128"));
        QCOMPARE(ex.request.rawHead, QByteArray("GET /x?token=**** HTTP/1.1\r\nX-Api-Key: ****\r\nHost: h\r\n\r\n"));
    }

    void secretValuesScrubbedEverywhere()
    {
        Exchange ex;
        ex.request.url = QStringLiteral("http://127.0.0.1/x?k=v%2Fal%20ue&q=s3cr3t");
        ex.request.headers = { { "X-Custom", "pre-s3cr3t-post" } };
        ex.request.rawHead = "GET /x?q=s3cr3t HTTP/1.1\r\nX-Custom: pre-s3cr3t-post\r\n\r\n";
        ex.request.body = "{\"password\":\"s3cr3t\"}";
        ex.response.body = "you sent s3cr3t";
        ex.response.rawBody = ex.response.body;
        SecretMasker::maskValues(ex, { "s3cr3t", "v/al ue", "ab" });
        QCOMPARE(ex.request.url, QStringLiteral("http://127.0.0.1/x?k=****&q=****"));
        QCOMPARE(ex.request.headers[0].value, QByteArray("pre-****-post"));
        QCOMPARE(ex.request.rawHead, QByteArray("GET /x?q=**** HTTP/1.1\r\nX-Custom: pre-****-post\r\n\r\n"));
        QCOMPARE(ex.request.body, QByteArray("{\"password\":\"****\"}"));
        QCOMPARE(ex.response.body, QByteArray("you sent ****"));
        // Two-byte values are not masked: "ab" would garble every other word.
        Exchange other;
        other.request.body = "abc";
        SecretMasker::maskValues(other, { "ab" });
        QCOMPARE(other.request.body, QByteArray("abc"));
    }

    void wholeExchangeAndDiagnosis()
    {
        verbscope::diagnosis::Diagnosis d;
        d.exchange.request.headers = { { "Cookie", "s=1" } };
        Hop hop;
        hop.request.headers = { { "Authorization", "Basic xyz" } };
        hop.response.head.headers = { { "Set-Cookie", "t=2" } };
        d.exchange.redirects << hop;
        verbscope::diagnosis::Check check;
        check.request.headers = { { "Cookie", "s=1" } };
        check.exchange.request.headers = { { "Cookie", "s=1" } };
        d.checks << check;
        verbscope::diagnosis::Suggestion s;
        s.request = RequestSpec {};
        s.request->headers = { { "Authorization", "Basic xyz" } };
        d.suggestions << s;
        SecretMasker::mask(d);
        QCOMPARE(d.exchange.request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.exchange.redirects[0].request.headers[0].value, QByteArray("Basic ****"));
        QCOMPARE(d.exchange.redirects[0].response.head.headers[0].value, QByteArray("t=****"));
        QCOMPARE(d.checks[0].request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.checks[0].exchange.request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.suggestions[0].request->headers[0].value, QByteArray("Basic ****"));
    }
};

QTEST_APPLESS_MAIN(tst_SecretMasker)
#include "tst_secretmasker.moc"

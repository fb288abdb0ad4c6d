// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/ui/uitesthelpers.h"
#include "ui/BodyEditor.h"
#include "ui/RequestEditor.h"

#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using verbscope::ui::RequestEditor;

namespace {
using verbscope::test::child;

QStringList column(QTableWidget *t, int c)
{
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r)
        out << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return out;
}
} // namespace

class tst_RequestEditor final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void methodBoxCompletesOverTheRegistry()
    {
        RequestEditor e;
        auto *box = child<QComboBox>(&e, "methodBox");
        QVERIFY(box->findText(QStringLiteral("PROPPATCH")) >= 0); // from Knowledge, not a hard-coded list
        QVERIFY(box->findText(QStringLiteral("QUERY")) >= 0);
        QCompleter *c = box->completer();
        c->setCompletionPrefix(QStringLiteral("mkco"));
        QCOMPARE(c->currentCompletion(), QStringLiteral("MKCOL"));
    }

    void invalidTokenIsFlaggedAsTyped()
    {
        RequestEditor e;
        e.show();
        e.setUrl(QStringLiteral("http://127.0.0.1:9/"));
        auto *send = child<QPushButton>(&e, "sendButton");
        QVERIFY(send->isEnabled());
        QTest::keyClicks(child<QComboBox>(&e, "methodBox")->lineEdit(), QStringLiteral("("));
        QVERIFY(!send->isEnabled());
        auto *error = child<QLabel>(&e, "inputError");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("'('")), qPrintable(error->text()));
        QVERIFY(send->toolTip().contains(QLatin1String("'('")));
    }

    void urlAndParamsStayInStep()
    {
        RequestEditor e;
        e.setUrl(QStringLiteral("http://h/p?a=1&b=x%20y&a=2#frag"));
        auto *params = child<QTableWidget>(&e, "paramsTable");
        QCOMPARE(column(params, 1),
            (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a"), QString() }));
        QCOMPARE(column(params, 2),
            (QStringList { QStringLiteral("1"), QStringLiteral("x y"), QStringLiteral("2"), QString() }));
        // Disabling a row takes it out of the URL but keeps it in the table.
        params->item(1, 0)->setCheckState(Qt::Unchecked);
        QCOMPARE(e.url(), QStringLiteral("http://h/p?a=1&a=2#frag"));
        QCOMPARE(params->rowCount(), 4);
        // A new row typed into the table appears in the URL, encoded.
        params->item(3, 1)->setText(QStringLiteral("q"));
        params->item(3, 2)->setText(QStringLiteral("a&b"));
        QCOMPARE(e.url(), QStringLiteral("http://h/p?a=1&a=2&q=a%26b#frag"));
        e.setUrl(QStringLiteral("http://h/p"));
        QCOMPARE(column(params, 1), (QStringList { QStringLiteral("b"), QString() })); // only the disabled row is left
    }

    void authAndBodyBecomeRealHeaders()
    {
        RequestEditor e;
        e.setMethod(QStringLiteral("PATCH"));
        e.setUrl(QStringLiteral("127.0.0.1:8080/items/1"));
        child<QComboBox>(&e, "authKind")->setCurrentIndex(1);
        child<QLineEdit>(&e, "authUser")->setText(QStringLiteral("ann"));
        child<QLineEdit>(&e, "authPassword")->setText(QStringLiteral("s3cret"));
        child<QComboBox>(&e, "bodyMode")->setCurrentIndex(int(verbscope::ui::BodyEditor::Mode::Json));
        child<QPlainTextEdit>(&e, "bodyJson")->setPlainText(QStringLiteral("{\"a\": 1}"));
        const auto spec = e.spec();
        QCOMPARE(spec.method, QByteArray("PATCH"));
        QCOMPARE(spec.url, QStringLiteral("http://127.0.0.1:8080/items/1"));
        QCOMPARE(spec.headers.size(), 2);
        QCOMPARE(spec.headers.at(0).name, QByteArray("Authorization"));
        QCOMPARE(spec.headers.at(0).value, "Basic " + QByteArray("ann:s3cret").toBase64());
        QCOMPARE(spec.headers.at(1), (verbscope::http::Header { "Content-Type", "application/json" }));
        QVERIFY(spec.hasBody);
        QCOMPARE(spec.body, QByteArray("{\"a\": 1}"));
    }

    void jsonIsValidatedButStillSent()
    {
        RequestEditor e;
        e.setUrl(QStringLiteral("http://h/"));
        child<QComboBox>(&e, "bodyMode")->setCurrentIndex(int(verbscope::ui::BodyEditor::Mode::Json));
        child<QPlainTextEdit>(&e, "bodyJson")->setPlainText(QStringLiteral("{\n  \"a\": 1,\n}"));
        auto *status = child<QLabel>(&e, "jsonStatus");
        QVERIFY2(status->text().contains(QLatin1String("line 3")), qPrintable(status->text()));
        QVERIFY(child<QPushButton>(&e, "sendButton")->isEnabled()); // a broken body is a valid test case
        child<QPlainTextEdit>(&e, "bodyJson")->setPlainText(QStringLiteral("[1,2]"));
        QVERIFY(status->text().contains(QLatin1String("Valid JSON")));
    }

    void formAndMultipartBodies()
    {
        RequestEditor e;
        e.setUrl(QStringLiteral("http://h/"));
        child<QComboBox>(&e, "bodyMode")->setCurrentIndex(int(verbscope::ui::BodyEditor::Mode::Form));
        auto *form = child<QTableWidget>(&e, "formFieldsTable");
        form->item(0, 1)->setText(QStringLiteral("_method"));
        form->item(0, 2)->setText(QStringLiteral("PATCH me"));
        auto spec = e.spec();
        QCOMPARE(spec.body, QByteArray("_method=PATCH%20me"));
        QVERIFY(spec.headers.contains(verbscope::http::Header { "Content-Type", "application/x-www-form-urlencoded" }));

        child<QComboBox>(&e, "bodyMode")->setCurrentIndex(int(verbscope::ui::BodyEditor::Mode::Multipart));
        auto *parts = child<QTableWidget>(&e, "multipartFieldsTable");
        parts->item(0, 1)->setText(QStringLiteral("note"));
        parts->item(0, 2)->setText(QStringLiteral("hi"));
        spec = e.spec();
        const QByteArray type = verbscope::http::headerValue(spec.headers, "Content-Type");
        QVERIFY(type.startsWith("multipart/form-data; boundary="));
        const QByteArray boundary = type.mid(type.indexOf('=') + 1);
        QCOMPARE(spec.body,
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--" + boundary
                + "--\r\n");
        parts->item(1, 1)->setText(QStringLiteral("file"));
        parts->item(1, 2)->setText(QStringLiteral("@/nonexistent/file.bin"));
        QVERIFY(e.problem().contains(QLatin1String("/nonexistent/file.bin")));
        QVERIFY(!child<QPushButton>(&e, "sendButton")->isEnabled());
    }

    void stateRoundTrips()
    {
        RequestEditor a;
        a.setMethod(QStringLiteral("purge"));
        a.setUrl(QStringLiteral("http://h/x?k=v"));
        child<QTableWidget>(&a, "requestHeadersTable")->item(0, 1)->setText(QStringLiteral("X-A"));
        child<QTableWidget>(&a, "requestHeadersTable")->item(1, 1)->setText(QStringLiteral("X-A"));
        child<QTableWidget>(&a, "requestHeadersTable")->item(1, 0)->setCheckState(Qt::Unchecked);
        child<QComboBox>(&a, "optTransport")->setCurrentIndex(1);
        child<QComboBox>(&a, "authKind")->setCurrentIndex(2);
        child<QLineEdit>(&a, "authToken")->setText(QStringLiteral("tok"));
        RequestEditor b;
        b.restoreState(a.saveState());
        QCOMPARE(b.saveState(), a.saveState());
        const auto spec = b.spec();
        QCOMPARE(spec.method, QByteArray("purge"));
        QCOMPARE(spec.options.transport, verbscope::http::TransportKind::Wire);
        QCOMPARE(spec.headers.size(), 2); // the disabled duplicate is not sent
        QCOMPARE(spec.headers.at(1).value, QByteArray("Bearer tok"));
    }

    void sendSignalOnlyWhenSendable()
    {
        RequestEditor e;
        e.show();
        QSignalSpy spy(&e, &RequestEditor::sendRequested);
        auto *url = child<QLineEdit>(&e, "urlEdit");
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(spy.size(), 0); // empty URL
        QTest::keyClicks(url, QStringLiteral("http://h/"));
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(spy.size(), 1);
    }
    // Ctrl+V of a curl command (as documentation writes it, continued over lines) in the URL
    // field: the request, and what was not carried over shown under the field.
    void pastingCurlMakesTheRequest()
    {
        RequestEditor e;
        e.show();
        QSignalSpy more(&e, &RequestEditor::curlPasted);
        auto *url = child<QLineEdit>(&e, "urlEdit");
        QGuiApplication::clipboard()->setText(
            QStringLiteral("curl -sS -X PUT \\\n  -H 'X-Trace: 1' \\\n"
                           "  --connect-timeout 5 \\\n  -d 'a=1' http://127.0.0.1:9/items\n"));
        url->setFocus();
        QTest::keySequence(url, QKeySequence::Paste);
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:9/items"));
        QCOMPARE(e.method(), QStringLiteral("PUT"));
        const auto spec = e.spec();
        QVERIFY(spec.headers.contains(verbscope::http::Header { "X-Trace", "1" }));
        QVERIFY(spec.headers.contains(verbscope::http::Header { "Content-Type", "application/x-www-form-urlencoded" }));
        QCOMPARE(spec.body, QByteArray("a=1"));
        QVERIFY(spec.options.redirects == verbscope::http::RedirectMode::Off); // no -L
        auto *notice = child<QLabel>(&e, "curlNotice");
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QStringLiteral("--connect-timeout: how curl connects")),
            qPrintable(notice->text()));
        QVERIFY(notice->text().contains(QStringLiteral("-s -S: only change curl's own output")));
        QCOMPARE(more.size(), 0);
        // The next edit of the URL hides the notice.
        QTest::keyClick(url, Qt::Key_X);
        QVERIFY(!notice->isVisible());
    }

    // Several URLs or --next: the first here, the others handed out for new tabs.
    void pastingCurlWithNextOpensTheOthers()
    {
        RequestEditor e;
        QSignalSpy more(&e, &RequestEditor::curlPasted);
        QVERIFY(e.pasteCurl(QStringLiteral("curl -L http://127.0.0.1:9/a --next -X DELETE http://127.0.0.1:9/b")));
        QCOMPARE(e.url(), QStringLiteral("http://127.0.0.1:9/a"));
        QCOMPARE(more.size(), 1);
        const auto others = more.first().first().value<QList<verbscope::http::RequestSpec>>();
        QCOMPARE(others.size(), 1);
        QCOMPARE(others.first().method, QByteArray("DELETE"));
        QCOMPARE(others.first().url, QStringLiteral("http://127.0.0.1:9/b"));
        QVERIFY(child<QLabel>(&e, "curlNotice")->text().contains(QStringLiteral("1 more request(s)")));
    }

    // -u with --digest never becomes Basic in the tab either, and the notice says so.
    void pastingCurlWithDigestSendsNoPassword()
    {
        RequestEditor e;
        QVERIFY(e.pasteCurl(QStringLiteral("curl --digest -u bob:pw http://127.0.0.1:9/")));
        for (const auto &h : e.spec().headers)
            QVERIFY(h.name != "Authorization");
        QVERIFY(child<QLabel>(&e, "curlNotice")->text().contains(QStringLiteral("the password is not sent")));
    }

    // A paste that is not a curl command stays as typed; an unknown option refuses the command.
    void pastingSomethingElseIsJustText()
    {
        RequestEditor e;
        e.show();
        auto *url = child<QLineEdit>(&e, "urlEdit");
        QGuiApplication::clipboard()->setText(QStringLiteral("http://127.0.0.1:9/curl x"));
        url->setFocus();
        QTest::keySequence(url, QKeySequence::Paste);
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:9/curl x"));
        QVERIFY(!e.pasteCurl(QStringLiteral("curl --frobnicate http://127.0.0.1:9/")));
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:9/curl x"));
        QVERIFY(child<QLabel>(&e, "curlNotice")->text().contains(QStringLiteral("--frobnicate at line 1, column 6")));
    }
};

QTEST_MAIN(tst_RequestEditor)
#include "tst_requesteditor.moc"

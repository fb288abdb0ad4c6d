// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/ui/uitesthelpers.h"
#include "ui/BodyEditor.h"
#include "ui/RequestEditor.h"

#include <QComboBox>
#include <QCompleter>
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
};

QTEST_MAIN(tst_RequestEditor)
#include "tst_requesteditor.moc"

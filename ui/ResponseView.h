// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace verbscope::collections {
struct RunStep;
}

namespace verbscope::http {
struct Exchange;
struct ResponseHead;
} // namespace verbscope::http

namespace verbscope::ui {

class BodyView;
class HeadersModel;
class TestsView;
class TimingWaterfall;

// One exchange as it happened: a status badge (colour by class, code, reason, version), time
// and sizes, then the body, the headers exactly as received, the raw exchange in both
// directions labelled with its fidelity, the timing waterfall, redirect hops and TLS.
class ResponseView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseView)
public:
    explicit ResponseView(QWidget *parent = nullptr);
    ~ResponseView() override;

    void clear();
    void showSending(const QString &what);
    void showHead(const http::ResponseHead &head);
    void showProgress(qint64 bytes);
    // `context` non-empty: this is not the user's own exchange (a diagnosis check); say so.
    void showExchange(const http::Exchange &exchange, const QString &context = {});
    // The Tests tab: the assertions and scripts of the request that was sent (RequestTab).
    void showTests(const collections::RunStep &step);
    TestsView *tests() const { return m_tests; }
    // Alt+T: the Tests tab, focused (Help ▸ Keyboard shortcuts).
    void showTestsTab();

Q_SIGNALS:
    void backRequested();

private:
    void setBadge(int status, const QString &text, const QString &version);
    void showRaw(const http::Exchange &exchange);
    void showHops(const http::Exchange &exchange);
    void colourHops();
    void showTls(const http::Exchange &exchange);
    void showCookies(const http::Exchange &exchange);

    QLabel *m_badge;
    QLabel *m_meta;
    QLabel *m_context;
    QPushButton *m_back;
    QTabWidget *m_tabs;
    BodyView *m_body;
    HeadersModel *m_headersModel;
    QTableView *m_headers;
    QLabel *m_fidelity;
    QPlainTextEdit *m_rawSent;
    QPlainTextEdit *m_rawReceived;
    TimingWaterfall *m_timing;
    QTreeWidget *m_hops;
    QPlainTextEdit *m_tls;
    QPlainTextEdit *m_cookies; // what the cookie jar sent, stored and refused, hop by hop
    TestsView *m_tests;
    QPushButton *m_explain; // "Explain": the status code in the reference
    int m_status = 0;
};

} // namespace verbscope::ui

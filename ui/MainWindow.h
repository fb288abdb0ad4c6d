// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace verbscope::http {
class Call;
class Engine;
struct Exchange;
} // namespace verbscope::http

namespace verbscope::ui {

// The first main window: one request editor (any verb, URL, headers, body) and the
// response as received (status, headers row by row, body, raw exchange).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setUrl(const QString &url);
    void send();
    void cancel();

private:
    void validateInput();
    void showExchange(const http::Exchange &exchange);

    http::Engine *m_engine;
    QPointer<http::Call> m_call;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_inputError;
    QTableWidget *m_requestHeaders;
    QPlainTextEdit *m_requestBody;
    QLabel *m_status;
    QLabel *m_meta;
    QTableWidget *m_responseHeaders;
    QPlainTextEdit *m_responseBody;
    QPlainTextEdit *m_raw;
};

} // namespace verbscope::ui

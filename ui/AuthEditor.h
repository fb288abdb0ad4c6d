// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace verbscope::ui {

// Basic, Bearer and API-key authentication, written as the real header fields they become
// (shown below the form), so the raw view and "copy as curl" show nothing hidden.
class AuthEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthEditor)
public:
    enum class Kind { None, Basic, Bearer, ApiKey };

    explicit AuthEditor(QWidget *parent = nullptr);
    ~AuthEditor() override;

    http::HeaderList headers() const;
    Kind kind() const;

    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

Q_SIGNALS:
    void edited();

private:
    void updatePreview();

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    QLineEdit *m_keyName;
    QLineEdit *m_keyValue;
    QLabel *m_preview;
};

} // namespace verbscope::ui

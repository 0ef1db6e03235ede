@section:intro
Feature: What MFA is and who needs what
  The guide's opening claims, checked against the simulated service.

  Background:
    Given the tenant from "contoso"

  @guide:INTRO-1 @rule:5
  Scenario: Signing in takes the password and then a second method
    Given Dana has set up text messages for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana verifies with the texted code
    And Dana presses "No"
    Then Dana is signed in to Office
    And the sign-in log shows a "Success" for Dana with "Text message"

  @guide:INTRO-2
  Scenario Outline: <app> works with MFA directly
    Given Dana has set up text messages for MFA
    When Dana's "<app>" opens its sign-in window
    And Dana signs in with her email address and password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana verifies with the texted code
    And Dana's "<app>" finishes signing in
    Then Dana's "<app>" shows "Connected"
    And the sign-in log shows a "Success" for Dana with "Text message"

    Examples:
      | app                    |
      | Outlook on the desktop |
      | Outlook on the phone   |

  @guide:INTRO-3 @guide:LEGACY-1 @rule:5
  Scenario: A mail app set up with basic authentication cannot show the MFA prompt
    Given Dana has set up text messages for MFA
    # guide: INTRO-3
    When Dana's "iPhone Mail" checks for new mail
    Then Dana's "iPhone Mail" shows "needs an app password"
    # guide: LEGACY-1 (refused because the account password is not enough once MFA is on)
    And the sign-in log shows a "Failure" for Dana with "app password"

  @guide:INTRO-3 @guide-differs
  Scenario: The phone's own Mail app can do MFA when the account is added with "Sign in"
    # Differs from the guide: the iPhone's Mail app has used modern authentication since iOS 11
    # when the account is added as Exchange with "Sign in"; only apps set up with basic
    # authentication need an App Password.
    Given Lee has set up text messages for MFA
    When Lee's "iPhone Mail" opens its sign-in window
    And Lee signs in with his email address and password
    And Lee's sign-in starts with "We texted your phone"
    And Lee verifies with the texted code
    And Lee's "iPhone Mail" finishes signing in
    Then Lee's "iPhone Mail" shows "Connected"

  @guide:INTRO-3 @rule:22
  Scenario: On the guide's date, the iPhone's Mail app added with "Configure Manually" needs an App Password
    Given Dana has set up text messages for MFA
    And Dana has created an App Password named "iPhone Mail"
    When Dana adds her account to "iPhone Mail" with "Configure Manually"
    And Dana types her account password into "iPhone Mail"
    Then Dana's "iPhone Mail" shows "needs an app password"
    When Dana types the App Password into "iPhone Mail"
    Then Dana's "iPhone Mail" shows "Connected"
    And the sign-in log shows a "Success" for Dana with "app password"

  @guide:INTRO-3
  Scenario: On the guide's date, the iPhone's Mail app added with "Sign in" does MFA in its own window
    Given Dana has set up text messages for MFA
    When Dana adds her account to "iPhone Mail" with "Sign in"
    Then Dana's "iPhone Mail" shows "sign-in window"
    When Dana's "iPhone Mail" opens its sign-in window
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana's "iPhone Mail" finishes signing in
    Then Dana's "iPhone Mail" shows "Connected"
    And the sign-in log shows a "Success" for Dana with "Text message"

  @rule:24
  Scenario: Today, "Configure Manually" gets no mail at all, not even with an App Password
    Given the tenant from "contoso-today"
    And Dana has set up text messages for MFA
    And Dana has created an App Password named "iPhone Mail"
    When Dana adds her account to "iPhone Mail" with "Configure Manually"
    And Dana types her account password into "iPhone Mail"
    Then Dana's "iPhone Mail" shows "turned off basic authentication for Exchange ActiveSync"
    When Dana types the App Password into "iPhone Mail"
    Then Dana's "iPhone Mail" shows "turned off basic authentication for Exchange ActiveSync"

  Scenario: Today, "Sign in" is how the iPhone's Mail app gets mail, with MFA in its own window
    Given the tenant from "contoso-today"
    And Dana has set up text messages for MFA
    When Dana adds her account to "iPhone Mail" with "Sign in"
    And Dana's "iPhone Mail" opens its sign-in window
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana's "iPhone Mail" finishes signing in
    Then Dana's "iPhone Mail" shows "Connected"

  @guide:INTRO-3 @guide:LEGACY-1 @rule:5 @rule:22
  Scenario: On the guide's date, Windows Mail needs an App Password once MFA is on
    Given Dana has set up text messages for MFA
    # guide: INTRO-3
    When Dana types her account password into "Windows Mail"
    Then Dana's "Windows Mail" shows "needs an app password"
    # guide: LEGACY-1
    When Dana creates an App Password named "Windows Mail on my laptop"
    And Dana types the App Password into "Windows Mail"
    Then Dana's "Windows Mail" shows "Connected"

  Scenario: Since 2025 Windows Mail gets no mail at all: the new Outlook replaces it
    Given the tenant from "contoso-today"
    And Dana has set up text messages for MFA
    When Dana types her account password into "Windows Mail"
    Then Dana's "Windows Mail" shows "end of support on 2024-12-31"
    And Dana's "Windows Mail" shows "use the new Outlook for Windows"
    When Dana's "Outlook on the desktop" opens its sign-in window
    And Dana signs in with her email address and password
    And Dana's sign-in starts with "We texted your phone"
    And Dana verifies with the texted code
    And Dana's "Outlook on the desktop" finishes signing in
    Then Dana's "Outlook on the desktop" shows "Connected"

  @guide:INTRO-4 @guide:FALLBACK-1 @rule:19
  Scenario: With text messages and Microsoft Authenticator, one stands in when the other fails
    # guide: INTRO-4 (both methods registered)
    Given Dana has set up text messages for MFA
    And Dana has added Microsoft Authenticator in Security info
    # guide: FALLBACK-1
    And Dana's phone loses its signal
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"
    And Dana's phone has received 2 text messages
    When Dana follows "Sign in another way"
    And Dana chooses "Use a verification code"
    And Dana verifies with the code from "Microsoft Authenticator"
    And Dana presses "No"
    Then Dana is signed in to Office
    When Dana's phone regains its signal
    Then Dana's phone has received 3 text messages

  Scenario Outline: After MFA is on, <app> <outcome>
    Given Dana has set up text messages for MFA
    When Dana's "<app>" checks for new mail
    Then Dana's "<app>" shows "<status>"

    @guide:INTRO-2
    Examples: An app that can show the sign-in window
      | app                    | outcome                             | status              |
      | Outlook on the desktop | asks her to sign in again, with MFA | needs your password |

    @guide:INTRO-3
    Examples: An app that can only send a password
      | app         | outcome                                 | status                |
      | iPhone Mail | is refused: it can only send a password | needs an app password |

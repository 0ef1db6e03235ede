@section:tpa
Feature: A third-party authenticator app
  Instead of Microsoft Authenticator, Dana can use any app that shows time-based codes, such
  as Google Authenticator. Such apps show codes only; they cannot approve requests.

  Background:
    Given the tenant from "contoso"

  @guide:TPA-01 @guide:TPA-02 @guide:TPA-03 @guide:TPA-04 @guide:TPA-05 @rule:8
  Scenario Outline: Setting up <app> without notifications
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    # guide: TPA-01
    Then the page offers "Mobile app"
    # guide: TPA-02 (the journey picks "Configure app without notifications")
    When Dana chooses to set up another authenticator app
    # guide: TPA-03
    Then the page says "Microsoft Authenticator or any authenticator app"
    And the page shows a QR code for an "otpauth" link
    # guide: TPA-04
    When Dana installs "<app>" from the app store
    # guide: TPA-05
    And Dana scans the QR code with "<app>"
    And Dana presses "Next"
    And Dana types the code from "<app>"
    And Dana presses "Verify"
    Then Dana sees "Step 3: Keep using your existing applications"

    Examples:
      | app                  |
      | Google Authenticator |
      | Authy                |

  @guide:TPA-02 @guide:TPA-05
  Scenario: A third-party app cannot read Microsoft Authenticator's QR code
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    # guide: TPA-02 (without "Configure app without notifications", the QR code is Microsoft's)
    And Dana chooses to set up Microsoft Authenticator
    When Dana installs "Google Authenticator" from the app store
    # guide: TPA-05
    Then "Google Authenticator" cannot read the QR code on Dana's screen

  @guide:TPA-06 @rule:18
  Scenario: The third-party app's codes work at sign-in
    Given Dana has set up "Google Authenticator" for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana sees "Enter code"
    And the page does not offer "Approve a request on my Microsoft Authenticator app"
    When Dana verifies with the code from "Google Authenticator"
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Authenticator app code"

  @guide:TPA-02 @guide:TPA-05 @guide-differs
  Scenario: Can't scan the QR code: type the secret key into the app instead
    # Differs from the guide: today the link is "I want to use a different authenticator app",
    # and the secret key appears only after "Can't scan image?".
    Given the tenant from "contoso-today"
    And the administrator enables MFA for Dana
    And Dana installs "Google Authenticator" from the app store
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    # guide: TPA-02
    When Dana follows "I want to use a different authenticator app"
    And Dana presses "Next"
    Then the page shows a QR code for an "otpauth" link
    # guide: TPA-05
    When Dana follows "Can't scan image?"
    Then the page says "Secret key: "
    When Dana adds the account to "Google Authenticator" by hand
    And Dana presses "Next"
    And Dana types the code from "Google Authenticator"
    And Dana presses "Next"
    Then Dana sees "Success!"

Feature: A tour of the service's pages
  The pages a person walks through to set up and manage MFA, visited by the simulated people
  so that a guide's quoted labels can be looked up when the project has no feature files of
  its own. Built into mfa-sim; lint-guide plays it on the guide's date and again today.

  Background:
    Given the tenant from "contoso"

  Scenario: First setup with text messages, then signing in again
    Given Dana has set up text messages for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana verifies with the texted code

  Scenario: Setting up an authenticator app without notifications
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    When Dana chooses to set up another authenticator app
    And Dana installs "Google Authenticator" from the app store
    And Dana scans the QR code with "Google Authenticator"
    And Dana presses "Next"
    And Dana types the code from "Google Authenticator"
    And Dana presses "Verify"

  Scenario: Adding a method in Security info
    Given Dana has set up text messages for MFA
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana verifies with the texted code
    And Dana presses "No"
    And Dana presses "Add sign-in method"
    And Dana chooses "Alternate phone"
    And Dana presses "Add"

  Scenario: The App passwords page
    Given Dana has set up text messages for MFA
    When Dana opens "https://account.activedirectory.windowsazure.com/AppPasswords.aspx" in her browser
    And Dana signs in with her email address and password
    And Dana verifies with the texted code
    And Dana presses "No"
    And Dana follows "app passwords"

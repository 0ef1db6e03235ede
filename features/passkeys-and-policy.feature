@section:policy
Feature: Passkeys, the end of Microsoft's texts and calls, and tenant-wide policy
  Not steps of the guide, but what happens to the people it taught: from September 2026 the
  service suggests a passkey to those who sign in with texts or calls, and from February 2027
  Microsoft stops sending texts and placing calls unless the organisation buys them from a
  telephony provider. A passkey lives in Microsoft Authenticator on the phone and is used by
  unlocking the phone; nothing is typed, so nothing can be phished.

  @rule:36
  Scenario: From February 2027 a user who had only texts must add a passkey, then signs in with it
    Given the tenant from "contoso-retirement"
    And Dana has set up text messages for MFA
    When 2 weeks pass
    And Dana signs in to "https://www.office.com" with her password
    Then Dana sees "Add a passkey to keep signing in"
    And the page does not offer "Not now"
    When Dana presses "Next"
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    And Dana confirms with her phone's screen lock
    And Dana presses "Next"
    Then the page says "Passkey saved"
    When Dana presses "Next"
    Then Dana sees "Sign in with your passkey"
    And Microsoft Authenticator on Dana's phone asks for a passkey sign-in
    When Dana confirms with her phone's screen lock
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Passkey (Microsoft Authenticator)"
    And the administrator sees "Passkey (Microsoft Authenticator)" among Dana's methods
    When Dana presses "No"
    And Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Sign in with your passkey"
    And Dana's phone has received 1 text message

  @rule:36
  Scenario Outline: <who>, <role>, keeps texted codes until July 2027
    Given the tenant from "contoso-retirement"
    And <who> has set up text messages for MFA
    When 2 weeks pass
    And <who> signs in to "https://www.office.com" with their password
    Then <who>'s sign-in starts with "We texted your phone"
    When <who> closes their browser
    And 22 weeks pass
    And <who> signs in to "https://www.office.com" with their password
    Then <who> sees "Add a passkey to keep signing in"

    Examples:
      | who | role                       |
      | Ari | a Global Administrator     |
      | Gus | a guest from a partner     |

  @rule:36
  Scenario: An organisation with its own telephony provider keeps texts after February 2027
    Given the tenant from "contoso-telephony" on 2027-01-25
    And Dana has set up text messages for MFA
    When 2 weeks pass
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"

  @rule:35
  Scenario: "Add a passkey" after a texted code really adds one
    Given the tenant from "contoso" on 2026-10-01
    And Dana has set up text messages for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana verifies with the texted code
    Then Dana sees "Add a passkey"
    When Dana presses "Add a passkey"
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    And Dana confirms with her phone's screen lock
    And Dana presses "Next"
    And Dana presses "Next"
    Then Dana sees "Stay signed in?"
    And the administrator sees "Passkey (Microsoft Authenticator)" among Dana's methods

  @rule:35
  Scenario: The passkey suggestion also follows an approved Authenticator request
    # Texts and calls are allowed in this tenant, so Dana is "enabled" for them and asked,
    # although she signs in with Microsoft Authenticator.
    Given the tenant from "contoso-today"
    And Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana's sign-in starts with "Approve sign in request"
    And Dana verifies with Microsoft Authenticator
    Then Dana sees "Add a passkey"
    When Dana presses "Not now"
    Then Dana sees "Stay signed in?"

  @rule:19 @rule:10
  Scenario: A passkey added in Security info, then chosen with "Sign in another way"
    Given the tenant from "contoso-today"
    And Dana has set up text messages for MFA
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana verifies with the texted code
    And Dana presses "Not now"
    And Dana presses "No"
    And Dana presses "Add sign-in method"
    And Dana chooses "Passkey in Microsoft Authenticator"
    And Dana presses "Add"
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    And Dana presses "Next"
    Then the page shows the error "hasn't confirmed a passkey yet"
    When Dana confirms with her phone's screen lock
    And Dana presses "Next"
    And Dana presses "Done"
    Then the page says "Passkey added"
    When Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    And Dana follows "Sign in another way"
    And Dana chooses "Use a passkey on my phone"
    And Dana confirms with her phone's screen lock
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Passkey (Microsoft Authenticator)"

  @rule:1 @rule:20
  Scenario: Conditional Access asks for MFA while the per-user state stays Disabled
    Given the tenant from "contoso-today"
    And the administrator turns on Conditional Access requiring MFA for all users
    When Dana signs in to "https://www.office.com" with her password
    Then Dana sees "More information required"
    When Dana presses "Next"
    And Dana follows "I want to set up a different method"
    And Dana chooses "Phone"
    And Dana presses "Confirm"
    And Dana types her mobile number into "Phone number"
    And Dana presses "Next"
    And Dana types the code from her text message
    And Dana presses "Next"
    And Dana presses "Next"
    Then Dana sees "Success!"
    When Dana presses "Done"
    Then Dana's MFA state is "disabled"
    When Dana presses "No"
    And Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana presses "Add sign-in method"
    Then the page does not offer "App password"
    When Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"

  @rule:5
  Scenario: From the office's trusted IPs a per-user MFA user skips the second factor
    Given the tenant from "contoso-today"
    And Dana has set up text messages for MFA
    And the administrator adds 198.51.100.0/24 to the trusted IPs
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"
    When Dana closes her browser
    And Dana's browser connects from 198.51.100.20
    And Dana signs in to "https://www.office.com" with her password
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "trusted IP"

  @rule:34
  Scenario: Before 30 September 2025 the MFA service settings decide which methods users get
    Given the tenant from "contoso" on 2025-06-02
    And Dana has set up text messages for MFA
    When the administrator unticks "Text message to phone" in the MFA service settings
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We're calling your phone"

  @rule:34
  Scenario: From 30 September 2025 the MFA service settings no longer decide
    Given the tenant from "contoso" on 2025-10-01
    And Dana has set up text messages for MFA
    When the administrator unticks "Text message to phone" in the MFA service settings
    Then the MFA service settings page says "Authentication methods policy"
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "We texted your phone"

  @rule:1
  Scenario: Security defaults let a user put off registering for 14 days, then no longer
    Given the tenant from "contoso-defaults"
    When Dana signs in to "https://www.office.com" with her password
    Then Dana sees "More information required"
    And the page says "14 days until this is required"
    When Dana presses "Skip for now"
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "registration skipped"
    When Dana presses "No"
    And Dana closes her browser
    And 2 weeks pass
    And Dana signs in to "https://www.office.com" with her password
    Then Dana sees "More information required"
    And the page does not offer "Skip for now"

  @rule:1
  Scenario: Security defaults ask a browser that has done MFA before only when necessary
    Given the tenant from "contoso-defaults"
    And Dana has set up Microsoft Authenticator for MFA
    And the administrator disables MFA for Dana
    When Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "known device"

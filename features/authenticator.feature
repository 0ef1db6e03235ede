@section:msa
Feature: Microsoft Authenticator
  Dana adds Microsoft Authenticator as her verification method and then signs in by approving
  a request or typing a code from the app.

  Background:
    Given the tenant from "contoso"

  @guide:MSA-01 @guide:MSA-02 @guide:MSA-03 @guide:MSA-04 @rule:4
  Scenario: Setting up Microsoft Authenticator on the older setup page
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    # guide: MSA-01
    Then the page offers "Mobile app"
    When Dana chooses to set up Microsoft Authenticator
    Then Dana sees "Configure mobile app"
    And the page shows a QR code for an "msauth-sim" link
    # guide: MSA-02
    When Dana installs "Microsoft Authenticator" from the app store
    # guide: MSA-03
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana scans the QR code with "Microsoft Authenticator"
    Then Microsoft Authenticator on Dana's phone lists her account
    # guide: MSA-04 (what finishes the setup: the page on the computer, not a button in the app)
    When Dana presses "Next"
    Then Dana sees "Step 2: Prove it's you"
    When Dana types the code from "Microsoft Authenticator"
    And Dana presses "Verify"
    Then Dana sees "Step 3: Keep using your existing applications"
    When Dana presses "Done"
    Then Dana's MFA state is "enforced"

  @guide:MSA-04 @guide-differs @rule:4
  Scenario: Nothing to press "Finish" on: the phone's part ends when the app lists the account
    # Differs from the guide: Microsoft Authenticator has no "Finish" button to press after
    # scanning; the app simply lists the account, and the setup ends on the computer (Next,
    # the check of a code or request, then Done).
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    And Dana chooses to set up Microsoft Authenticator
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    # guide: MSA-04 (the steps before are set-up: MSA-01 to MSA-03)
    When Dana scans the QR code with "Microsoft Authenticator"
    Then Microsoft Authenticator on Dana's phone lists her account
    And Dana's MFA state is "enabled"
    When Dana presses "Next"
    And Dana types the code from "Microsoft Authenticator"
    And Dana presses "Verify"
    And Dana presses "Done"
    Then Dana's MFA state is "enforced"

  @guide:MSA-03
  Scenario: The app must be set up before the page can go on
    Given the administrator enables MFA for Dana
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    And Dana chooses to set up Microsoft Authenticator
    When Dana presses "Next"
    Then the page shows the error "Scan the QR code"

  @guide:MSA-05 @rule:19
  Scenario: Later sign-ins offer a request in the app or a code
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    When Dana follows "Sign in another way"
    Then Dana sees "Verify your identity"
    And the page offers "Approve a request on my Microsoft Authenticator app"
    And the page offers "Use a verification code"

  @guide:MSA-06 @rule:17 @rule:19
  Scenario: Signing in with the app's request, which is sent straight away
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    When Dana verifies with Microsoft Authenticator
    Then Dana sees "Stay signed in?"
    When Dana presses "Yes"
    Then Dana is signed in to Office
    And the sign-in log shows a "Success" for Dana with "Microsoft Authenticator notification"

  @guide:MSA-06 @rule:18 @rule:19
  Scenario: Signing in with a code from the app instead of the request
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana follows "Sign in another way"
    And Dana chooses "Use a verification code"
    Then Dana sees "Enter code"
    When Dana verifies with the code from "Microsoft Authenticator"
    Then Dana sees "Stay signed in?"
    When Dana presses "Yes"
    Then Dana is signed in to Office
    And the sign-in log shows a "Success" for Dana with "Authenticator app code"

  @guide:MSA-06 @rule:33
  Scenario: In the guide's time the request is a plain approval, without a number
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    And Dana's sign-in starts with "Approve sign in request"
    Then the page shows no number to type into the app
    And Microsoft Authenticator on Dana's phone shows a sign-in request
    And the request does not ask Dana for the number shown on screen

  @guide:MSA-05 @guide:MSA-06 @guide-differs @rule:17 @rule:33
  Scenario: Since May 2023 every request asks for the number shown on screen
    # Differs from the guide: Microsoft enforced number matching for all Authenticator
    # requests after 2023-05-08; "Approve" alone no longer signs in.
    Given the tenant from "contoso" on 2024-01-15
    And Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    # guide: MSA-05
    And Dana's sign-in starts with "Approve sign in request"
    Then the page shows a number to type into the app
    # guide: MSA-06
    And the request asks Dana for the number shown on screen
    When Dana verifies with Microsoft Authenticator
    Then Dana sees "Stay signed in?"

  @guide:MSA-01 @guide:MSA-03 @rule:7
  Scenario: On the older page, the mobile app for notifications, added by hand
    Given the tenant from "contoso" on 2021-06-01
    And the administrator enables MFA for Dana
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    Then Dana sees "Step 1: How should we contact you?"
    And the page offers "Authentication phone"
    And the page offers "Office phone"
    # guide: MSA-01
    When Dana chooses "Mobile app"
    Then the page says "How do you want to use the mobile app?"
    And the page offers "Receive notifications for verification"
    And the page offers "Use verification code"
    When Dana presses "Set up"
    Then Dana sees "Configure mobile app"
    # guide: MSA-03 (the code and URL typed in when the QR code cannot be scanned)
    And the page says "If you can't scan the image"
    When Dana adds the account to "Microsoft Authenticator" by hand
    And Dana presses "Next"
    Then Microsoft Authenticator on Dana's phone shows a sign-in request
    When Dana approves the request in Microsoft Authenticator
    Then Dana sees "Step 3: Keep using your existing applications"

  @guide:MSA-03 @guide:MSA-04 @guide-differs @rule:7
  Scenario: Today's wizard asks for the app, then a phone, and ends with a summary
    # Differs from the guide: since October 2022 sign-up is "Keep your account secure". Where the
    # tenant asks for two methods, the wizard counts them and asks for a phone after the app.
    Given the tenant from "contoso-today"
    And the administrator asks for 2 methods at registration
    And the administrator enables MFA for Dana
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    Then Dana sees "More information required"
    # guide: MSA-03
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: start by getting the app"
    And the page says "Method 1 of 2: App"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: set up your account"
    When Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: scan the QR code"
    When Dana scans the QR code with "Microsoft Authenticator"
    # guide: MSA-04 (the setup goes on and ends on the computer)
    And Dana presses "Next"
    Then Dana sees "Microsoft Authenticator: let's try it out"
    And the page shows a number to type into the app
    When Dana approves the request in Microsoft Authenticator
    And Dana presses "Next"
    Then Dana sees "Phone"
    And the page says "Method 2 of 2: Phone"
    And the page offers "Text me a code"
    And the page offers "Call me"
    When Dana types her mobile number into "Phone number"
    And Dana presses "Next"
    And Dana types the code from her text message
    And Dana presses "Next"
    Then the page says "Your phone was registered"
    When Dana presses "Next"
    Then Dana sees "Success!"
    And the page says "Default sign-in method: Microsoft Authenticator notification"
    And the page shows no App Password
    When Dana presses "Done"
    Then Dana sees "Stay signed in?"
    And Dana's MFA state is "enforced"

  @guide:MSA-03 @guide-differs @rule:7
  Scenario: Can't scan the QR code: type the code and URL into the app instead
    # Differs from the guide: today's wizard hides the code and URL behind "Can't scan image?".
    Given the tenant from "contoso-today"
    And the administrator enables MFA for Dana
    And Dana installs "Microsoft Authenticator" from the app store
    And Dana opens Microsoft Authenticator and accepts its terms
    And Dana signs in to "https://aka.ms/mfasetup" with her password
    And Dana presses "Next"
    And Dana presses "Next"
    And Dana presses "Next"
    When Dana follows "Can't scan image?"
    Then the page says "Code: "
    And the page says "URL: https://"
    When Dana adds the account to "Microsoft Authenticator" by hand
    Then Microsoft Authenticator on Dana's phone lists her account
    When Dana presses "Next"
    And Dana approves the request in Microsoft Authenticator
    And Dana presses "Next"
    Then Dana sees "Success!"

  @guide:MSA-06 @rule:17 @rule:19
  Scenario: With Microsoft Authenticator as the default, the request is sent at once
    Given the tenant from "contoso" on 2024-01-15
    And Dana has set up Microsoft Authenticator for MFA
    When Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    And the page shows a number to type into the app
    And Microsoft Authenticator on Dana's phone shows a sign-in request
    And Dana was never shown "Verify your identity"

  @guide:ADD-03 @guide:ADD-04 @guide:SMS-09 @guide:SMS-10 @rule:19
  Scenario: With Microsoft Authenticator as the default, "Sign in another way" leads to a texted code
    Given Dana has set up Microsoft Authenticator for MFA
    When Dana opens "https://mysignins.microsoft.com/security-info" in her browser
    And Dana signs in with her email address and password
    And Dana verifies with Microsoft Authenticator
    And Dana presses "No"
    And Dana presses "Add sign-in method"
    # guide: ADD-03
    And Dana chooses "Phone"
    And Dana presses "Add"
    # guide: ADD-04
    And Dana types her mobile number into "Phone number"
    And Dana chooses "Text me a code"
    And Dana presses "Next"
    And Dana verifies with the texted code
    And Dana presses "Done"
    And Dana closes her browser
    And Dana signs in to "https://www.office.com" with her password
    Then Dana's sign-in starts with "Approve sign in request"
    # guide: SMS-09
    When Dana follows "Sign in another way"
    Then Dana sees "Verify your identity"
    When Dana chooses "Text"
    Then Dana's phone receives a text message with a 6-digit code
    # guide: SMS-10
    When Dana verifies with the texted code
    Then Dana sees "Stay signed in?"
    And the sign-in log shows a "Success" for Dana with "Text message"

"""The confidentiality class of every model of the product (core.classification), declared
once here, and the class of uploaded papers by kind.

Customer information, business data and internal documents are the regulation's scope
(chapter 7): customer files and everything under them are confidential (機密), health,
identity and bank papers, breaches and private appraisal notes secret (絕密), working
papers internal (內部), the product catalogue and tax tables public (公開).
"""

from core import classification
from core.classification import CONFIDENTIAL, INTERNAL, PUBLIC, SECRET

MODELS = {
    # core
    "core.user": INTERNAL,
    "core.auditevent": CONFIDENTIAL,
    "core.accesslog": CONFIDENTIAL,
    "core.exportlog": CONFIDENTIAL,
    "core.notification": INTERNAL,
    "core.taskrun": INTERNAL,
    "core.parameter": INTERNAL,
    "core.savedview": INTERNAL,
    "core.exportrequest": SECRET,
    # org
    "org.grade": INTERNAL,
    "org.team": INTERNAL,
    "org.employee": CONFIDENTIAL,
    "org.calendarday": PUBLIC,
    # customers
    "customers.customertag": INTERNAL,
    "customers.customer": CONFIDENTIAL,
    "customers.familymember": CONFIDENTIAL,
    "customers.customerneed": CONFIDENTIAL,
    "customers.existingcover": CONFIDENTIAL,
    "customers.customerattachment": CONFIDENTIAL,
    # sales
    "sales.insurer": PUBLIC,
    "sales.product": PUBLIC,
    "sales.marketnote": INTERNAL,
    "sales.competitorcomparison": INTERNAL,
    "sales.campaign": INTERNAL,
    "sales.opportunity": CONFIDENTIAL,
    "sales.visit": CONFIDENTIAL,
    "sales.needsanalysis": CONFIDENTIAL,
    "sales.proposal": CONFIDENTIAL,
    "sales.proposalline": CONFIDENTIAL,
    "sales.salestarget": INTERNAL,
    "sales.teamplan": INTERNAL,
    "sales.teammeeting": INTERNAL,
    "sales.salestask": INTERNAL,
    # underwriting
    "underwriting.requireddocument": INTERNAL,
    "underwriting.application": CONFIDENTIAL,
    "underwriting.applicationline": CONFIDENTIAL,
    "underwriting.beneficiary": CONFIDENTIAL,
    "underwriting.applicationdocument": CONFIDENTIAL,
    "underwriting.communication": CONFIDENTIAL,
    "underwriting.policy": CONFIDENTIAL,
    "underwriting.premiumrecord": CONFIDENTIAL,
    # aftersales
    "aftersales.claimrequireddocument": INTERNAL,
    "aftersales.claim": CONFIDENTIAL,
    "aftersales.claimdocument": CONFIDENTIAL,
    "aftersales.claimupdate": CONFIDENTIAL,
    "aftersales.complaint": CONFIDENTIAL,
    "aftersales.complaintaction": CONFIDENTIAL,
    "aftersales.followup": CONFIDENTIAL,
    "aftersales.followupattempt": CONFIDENTIAL,
    "aftersales.renewal": CONFIDENTIAL,
    "aftersales.renewalreminder": CONFIDENTIAL,
    "aftersales.servicerequest": CONFIDENTIAL,
    "aftersales.servicerequestdocument": CONFIDENTIAL,
    # reports: sales figures are business data
    "reports.reportsnapshot": CONFIDENTIAL,
    # training
    "training.course": INTERNAL,
    "training.mandatorytraining": INTERNAL,
    "training.qualificationkind": INTERNAL,
    "training.certificate": INTERNAL,
    "training.certificatereminder": INTERNAL,
    "training.qualificationreward": INTERNAL,
    "training.developmentplan": CONFIDENTIAL,
    "training.promotionstep": INTERNAL,
    "training.steprequirement": INTERNAL,
    "training.jobrotation": INTERNAL,
    "training.trainingrecord": INTERNAL,
    "training.learningresource": INTERNAL,
    "training.courseunit": INTERNAL,
    "training.unitprogress": INTERNAL,
    "training.onlinetest": INTERNAL,
    "training.question": INTERNAL,
    "training.questionoption": INTERNAL,
    "training.testattempt": INTERNAL,
    "training.attemptanswer": INTERNAL,
    "training.session": INTERNAL,
    "training.enrolment": INTERNAL,
    "training.externalcourse": INTERNAL,
    "training.trainingplan": INTERNAL,
    "training.trainingplanitem": INTERNAL,
    # appraisal
    "appraisal.appraisaltemplate": INTERNAL,
    "appraisal.templateitem": INTERNAL,
    "appraisal.appraisalround": INTERNAL,
    "appraisal.roundform": INTERNAL,
    "appraisal.rounditem": INTERNAL,
    "appraisal.appraisal": CONFIDENTIAL,
    "appraisal.appraisalitem": CONFIDENTIAL,
    "appraisal.privatenote": SECRET,
    "appraisal.improvementplan": CONFIDENTIAL,
    # payroll
    "payroll.taxtable": PUBLIC,
    "payroll.taxbracket": PUBLIC,
    "payroll.standarddeduction": PUBLIC,
    "payroll.additionaldeductionstandard": PUBLIC,
    "payroll.contributionpolicy": INTERNAL,
    "payroll.contributionrate": INTERNAL,
    "payroll.contributionbase": CONFIDENTIAL,
    "payroll.deductionclaim": CONFIDENTIAL,
    "payroll.gradepay": CONFIDENTIAL,
    "payroll.bonustier": CONFIDENTIAL,
    "payroll.payrollrun": CONFIDENTIAL,
    "payroll.salarychange": SECRET,
    "payroll.payitem": SECRET,
    "payroll.payslip": SECRET,
    "payroll.salaryaccount": SECRET,
    "payroll.leavetype": INTERNAL,
    "payroll.attendancerecord": CONFIDENTIAL,
    "payroll.overtimerecord": CONFIDENTIAL,
    "payroll.leaverequest": CONFIDENTIAL,
    "payroll.annualleaveaccount": CONFIDENTIAL,
    "payroll.benefitrecord": CONFIDENTIAL,
    # confidentiality
    "confidentiality.agreementversion": INTERNAL,
    "confidentiality.agreement": CONFIDENTIAL,
    "confidentiality.sensitiveconsent": CONFIDENTIAL,
    "confidentiality.customerdatarequest": CONFIDENTIAL,
    "confidentiality.breach": SECRET,
    "confidentiality.recordclass": INTERNAL,
    "confidentiality.accessalert": CONFIDENTIAL,
    "confidentiality.loginrule": INTERNAL,
    "confidentiality.retentionrule": INTERNAL,
    "confidentiality.destructioncandidate": CONFIDENTIAL,
    "confidentiality.destructionbatch": CONFIDENTIAL,
    "confidentiality.destructionrecord": CONFIDENTIAL,
    "confidentiality.exitaudit": CONFIDENTIAL,
    "confidentiality.exititem": CONFIDENTIAL,
}

# Papers whose kind makes them secret (identity, health, bank): the rest keep the class of
# their model.
KINDS = {
    "underwriting.applicationdocument": {
        "id_copies": SECRET,
        "health_declaration": SECRET,
        "bank_authorisation": SECRET,
        "financial_questionnaire": SECRET,
    },
    "aftersales.claimdocument": {
        "id_copy": SECRET,
        "bank_account": SECRET,
        "medical_records": SECRET,
        "diagnosis": SECRET,
        "disability_assessment": SECRET,
    },
    "customers.customerattachment": {
        "id_copy": SECRET,
        "bank_card": SECRET,
        "health": SECRET,
        "household": SECRET,
    },
}


def register():
    classification.declare(MODELS)
    for label, kinds in KINDS.items():
        classification.declare_kinds(label, kinds)

@echo off
rem Mo trang web soan ke hoach cua thidua cho thu muc plans nam canh tep nay.
rem Dat tep nay vao thu muc chua thu muc plans roi bam dup chuot.
chcp 65001 >nul
cd /d "%~dp0"
thidua serve plans
if errorlevel 1 pause
